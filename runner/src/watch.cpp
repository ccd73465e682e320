// `kata watch`: re-run the kata whenever one of its files is saved.
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "commands.h"
#include "process.h"

namespace kata {

namespace {

// Editors write temporary and backup files next to the real one
// (.file.swp, file~, 4913, .#file, file.tmp); only sources and kata.toml count.
bool IsSource(const std::string& name) {
  if (name.empty() || name[0] == '.' || name.back() == '~') return false;
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".cpp") || ends_with(".h") || ends_with(".toml");
}

// Reads whatever events are queued; adds the names of saved sources.
void Drain(int fd, std::set<std::string>& changed) {
  alignas(inotify_event) char buffer[8192];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return;
    for (char* at = buffer; at < buffer + n;) {
      auto* event = reinterpret_cast<inotify_event*>(at);
      if (event->len > 0 && IsSource(event->name)) changed.insert(event->name);
      at += sizeof(inotify_event) + event->len;
    }
  }
}

}  // namespace

int Commands::Watch(const std::string& spec, int max_runs, bool last) {
  const Kata& kata = spec.empty() && last ? LastRunKata() : Resolve(spec);
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    std::cerr << "kata watch: inotify is not available here\n";
    return 1;
  }
  // A rename-save (write a temporary file, rename it over the old one) shows
  // up as IN_MOVED_TO on the folder; a plain save as IN_CLOSE_WRITE. Watching
  // the folders, not the files, survives both.
  uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM;
  inotify_add_watch(fd, kata.dir.c_str(), mask);
  inotify_add_watch(fd, (kata.dir / "tests").c_str(), mask);

  int runs = 0;
  int last_exit = 0;
  std::string reason;
  // Saves that come in while a run is going: they stop its stress
  // repetitions (the first verdict is already on screen) and start the next run.
  std::mutex saved_mutex;
  std::set<std::string> saved_during_run;  // guarded by saved_mutex
  std::atomic<bool> saved = false;
  cancel_stress_ = &saved;
  auto run_once = [&]() {
    if (term_.is_tty) std::cout << "\033[2J\033[H";
    if (!reason.empty()) std::cout << term_.Dim("saved: " + reason) << "\n";
    saved = false;
    KataResult result;
    {
      std::jthread listener([&](std::stop_token stop) {
        while (!stop.stop_requested()) {
          pollfd pfd{fd, POLLIN, 0};
          if (poll(&pfd, 1, 100) <= 0) continue;
          std::set<std::string> changed;
          Drain(fd, changed);
          if (changed.empty()) continue;
          std::scoped_lock lock(saved_mutex);
          saved_during_run.insert(changed.begin(), changed.end());
          saved = true;
        }
      });
      result = RunAndPrint(kata);
    }
    if (result.interrupted) return;
    Record(kata, result);
    last_exit = result.verdict == Verdict::kPass ? 0 : 1;
    ++runs;
    std::cout << "\n" << term_.Dim("watching " + kata.RelativeDir() + "/ for saves; Ctrl-C to stop") << "\n" << std::flush;
  };
  run_once();
  constexpr auto kQuiet = std::chrono::milliseconds(150);
  while (!g_interrupted && (max_runs <= 0 || runs < max_runs)) {
    std::set<std::string> changed;
    {
      std::scoped_lock lock(saved_mutex);
      changed.swap(saved_during_run);
    }
    if (changed.empty()) {
      pollfd pfd{fd, POLLIN, 0};
      int ready = poll(&pfd, 1, 500);
      if (ready <= 0) continue;
      Drain(fd, changed);
      if (changed.empty()) continue;
    }
    // Debounce: an editor's save is several events; wait until they stop.
    while (!g_interrupted) {
      pollfd more{fd, POLLIN, 0};
      if (poll(&more, 1, static_cast<int>(kQuiet.count())) <= 0) break;
      Drain(fd, changed);
    }
    reason.clear();
    for (const auto& name : changed) reason += (reason.empty() ? "" : ", ") + name;
    run_once();
  }
  cancel_stress_ = nullptr;
  close(fd);
  if (g_interrupted) {
    std::cout << "\nstopped watching.\n";
    return 0;
  }
  return last_exit;
}

}  // namespace kata
