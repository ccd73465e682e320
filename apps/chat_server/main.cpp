// chat_server: a chat room over TCP, kata 18's Hub behind an asynchronous
// front end (or, with --threads, the kata's thread-per-connection one).
//
//   chat_server [--host 127.0.0.1] [--port 7000] [--outbox 16] [--max-line 140] [--threads]
//
// The protocol is lines: the server asks "* your name?", then every line a
// member sends goes to the others ("@bob hi" to bob only). `nc 127.0.0.1 7000`
// is a client. Prints "listening on HOST:PORT" first (--port 0: an ephemeral
// port).
//
// Exit status: 0 after SIGINT or SIGTERM (every connection closed), 1 when it
// cannot listen, 2 for a bad command line.
#include <pthread.h>
#include <signal.h>

#include <exception>
#include <functional>
#include <iostream>
#include <string_view>
#include <vector>

#include "async_server.h"
#include "chat_server.h"
#include "hub.h"
#include "kata/stop_signals.h"
#include "options.h"

namespace {

// Says where it listens, waits for SIGINT or SIGTERM, then stops the server.
int Serve(const chat_app::Options& options, unsigned short port, const char* front_end,
          const std::function<void()>& stop) {
  std::cout << "listening on " << options.host << ":" << port << " (" << front_end << ", outbox "
            << options.outbox << " lines)" << std::endl;
  const sigset_t signals = kata::StopSignals();
  int stopped_by = 0;
  while (sigwait(&signals, &stopped_by) != 0) {
  }
  stop();
  std::cout << "stopped by " << (stopped_by == SIGINT ? "SIGINT" : "SIGTERM")
            << "; every connection is closed" << std::endl;
  return 0;
}

int Run(const chat_app::Options& options) {
  kata::chat::Hub hub(options.outbox);  // outlives the front end
  if (options.threads) {
    std::optional<kata::chat::ChatServer> server;
    try {
      server.emplace(hub, options.host, options.port);
    } catch (const std::exception& error) {
      std::cerr << "chat_server: cannot listen on " << options.host << ":" << options.port << ": "
                << error.what() << "\n";
      return 1;
    }
    return Serve(options, server->Port(), "a thread per connection", [&] { server->Stop(); });
  }
  std::optional<chat_app::AsyncChatServer> server;
  try {
    server.emplace(hub,
                   chat_app::AsyncOptions{
                       .host = options.host, .port = options.port, .max_line = options.max_line});
  } catch (const std::exception& error) {
    std::cerr << "chat_server: cannot listen on " << options.host << ":" << options.port << ": "
              << error.what() << "\n";
    return 1;
  }
  return Serve(options, server->Port(), "asynchronous", [&] { server->Stop(); });
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread exists, so that every thread inherits the mask.
  const sigset_t signals = kata::StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  chat_app::Options options;
  try {
    options = chat_app::ParseArgs(std::vector<std::string_view>(argv + 1, argv + argc));
  } catch (const chat_app::UsageError& error) {
    std::cerr << "chat_server: " << error.what() << " (" << chat_app::kUsage << ")\n";
    return 2;
  }
  if (options.help) {
    std::cout << chat_app::kUsage << "\n";
    return 0;
  }
  return Run(options);
}
