#include <memory>
#include <optional>
#include <utility>

#include "any_of.h"
#include "pipeline.h"

namespace kata {

Stream<int> OrDone(std::stop_token done, Receiver<int> in) {
  return Stream<int>(0, [done, in](Sender<int> out, std::stop_token stop) {
    // Two reasons to give up, one token: whichever comes first.
    const AnyOf either{done, stop};
    while (std::optional<int> value = in.Recv(either.Token())) {
      if (!out.Send(*value, either.Token())) return;
    }
  });
}

std::pair<Stream<int>, Stream<int>> Tee(Stream<int> in) {
  auto owned = std::make_shared<Stream<int>>(std::move(in));
  // The first output's thread reads `in` and hands each value to the second
  // output's thread before it waits for its own reader: while one reader
  // pauses, the other still gets the current value.
  Channel<int> to_second(0);
  Stream<int> first(0, [owned, to_second](Sender<int> out, std::stop_token stop) {
    while (std::optional<int> value = owned->Recv(stop)) {
      if (!to_second.Send(*value, stop) || !out.Send(*value, stop)) break;
    }
    to_second.Close();
    owned->Cancel();
  });
  Stream<int> second(0, [to_second](Sender<int> out, std::stop_token stop) {
    while (std::optional<int> value = to_second.Recv(stop)) {
      if (!out.Send(*value, stop)) return;
    }
  });
  return {std::move(first), std::move(second)};
}

Stream<int> Bridge(Stream<Stream<int>> streams) {
  auto owned = std::make_shared<Stream<Stream<int>>>(std::move(streams));
  return Stream<int>(0, [owned](Sender<int> out, std::stop_token stop) {
    while (std::optional<Stream<int>> stream = owned->Recv(stop)) {
      while (std::optional<int> value = stream->Recv(stop)) {
        if (!out.Send(*value, stop)) break;
      }
      if (stop.stop_requested()) break;
    }  // each stream is stopped and joined as it goes
    owned->Cancel();
  });
}

}  // namespace kata
