#include "cli.h"

#include <istream>
#include <ostream>
#include <string>

#include "testkit/todo.h"

namespace cli_poker {

// One game: the number of players, then lines until "{Name} wins".
// std::getline(in_, line) reads one line; write to out_ with <<.
void Cli::PlayPoker() {
  // TODO: read the number of players, start the game, finish it with the winner.
  KATA_TODO("read the input and finish the game with the winner");
}

}  // namespace cli_poker
