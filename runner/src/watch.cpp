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

// The kata's folders under inotify. A rename-save (write a temporary file,
// rename it over the old one) shows up as IN_MOVED_TO on the folder; a plain
// save as IN_CLOSE_WRITE. Watching the folders, not the files, survives both.
class SaveWatcher {
 public:
  explicit SaveWatcher(const Kata& kata) : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM;
    if (fd_ < 0) return;
    inotify_add_watch(fd_, kata.dir.c_str(), mask);
    inotify_add_watch(fd_, (kata.dir / "tests").c_str(), mask);
  }
  SaveWatcher(const SaveWatcher&) = delete;
  SaveWatcher& operator=(const SaveWatcher&) = delete;
  ~SaveWatcher() {
    if (fd_ >= 0) close(fd_);
  }

  bool ok() const { return fd_ >= 0; }
  // True once a save came in during the current Listening(); stress
  // repetitions watch it and stop.
  const std::atomic<bool>& saved_flag() const { return saved_; }

  // Runs `run` while a thread collects the saves that come in meanwhile:
  // they stop its stress repetitions (the first verdict is already on
  // screen) and start the next run.
  template <typename Fn>
  auto Listening(Fn run) {
    saved_ = false;
    std::jthread listener([&](std::stop_token stop) {
      while (!stop.stop_requested()) {
        pollfd pfd{fd_, POLLIN, 0};
        if (poll(&pfd, 1, 100) <= 0) continue;
        std::set<std::string> changed;
        Drain(fd_, changed);
        if (changed.empty()) continue;
        std::scoped_lock lock(mutex_);
        saved_during_run_.insert(changed.begin(), changed.end());
        saved_ = true;
      }
    });
    return run();
  }

  // Waits for the next save (or takes the ones made during the last run),
  // then until its events stop coming: an editor's save is several events.
  // Empty when interrupted.
  std::set<std::string> NextSave() {
    constexpr auto kQuiet = std::chrono::milliseconds(150);
    std::set<std::string> changed;
    {
      std::scoped_lock lock(mutex_);
      changed.swap(saved_during_run_);
    }
    while (changed.empty() && !g_interrupted) {
      pollfd pfd{fd_, POLLIN, 0};
      if (poll(&pfd, 1, 500) > 0) Drain(fd_, changed);
    }
    while (!g_interrupted) {
      pollfd more{fd_, POLLIN, 0};
      if (poll(&more, 1, static_cast<int>(kQuiet.count())) <= 0) break;
      Drain(fd_, changed);
    }
    if (g_interrupted) changed.clear();
    return changed;
  }

 private:
  int fd_;
  std::mutex mutex_;
  std::set<std::string> saved_during_run_;  // guarded by mutex_
  std::atomic<bool> saved_ = false;
};

}  // namespace

int Commands::Watch(const std::string& spec, int max_runs, bool last) {
  const Kata& kata = spec.empty() && last ? LastRunKata() : Resolve(spec);
  SaveWatcher watcher(kata);
  if (!watcher.ok()) {
    std::cerr << "kata watch: inotify is not available here\n";
    return 1;
  }
  cancel_stress_ = &watcher.saved_flag();
  int runs = 0;
  int last_exit = 0;
  std::string reason;
  while (!g_interrupted) {
    if (term_.is_tty) std::cout << "\033[2J\033[H";
    if (!reason.empty()) std::cout << term_.Dim("saved: " + reason) << "\n";
    KataResult result = watcher.Listening([&] { return RunAndPrint(kata); });
    if (!result.interrupted) {
      Record(kata, result);
      last_exit = result.verdict == Verdict::kPass ? 0 : 1;
      ++runs;
      std::cout << "\n" << term_.Dim("watching " + kata.RelativeDir() + "/ for saves; Ctrl-C to stop") << "\n" << std::flush;
    }
    if (max_runs > 0 && runs >= max_runs) break;
    std::set<std::string> changed = watcher.NextSave();
    reason.clear();
    for (const auto& name : changed) reason += (reason.empty() ? "" : ", ") + name;
  }
  cancel_stress_ = nullptr;
  if (g_interrupted) {
    std::cout << "\nstopped watching.\n";
    return 0;
  }
  return last_exit;
}

}  // namespace kata
