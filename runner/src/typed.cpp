#include "typed.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "process.h"

namespace kata {

namespace {

enum class Front { kMake, kKataOnPath, kPath };

std::string SelfPath() {
  std::error_code error;
  auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string() : self.string();
}

Front DetectFront(std::string& path) {
  const char* front = std::getenv("KATA_FRONT");
  if (front != nullptr && std::string_view(front) == "make") return Front::kMake;
  std::string self = SelfPath();
  std::string on_path = FindProgram("kata");
  std::error_code error;
  if (!on_path.empty() && !self.empty() && std::filesystem::equivalent(on_path, self, error)) {
    return Front::kKataOnPath;
  }
  path = self.empty() ? "kata" : self;
  std::filesystem::path cwd = std::filesystem::current_path(error);
  if (!error && !self.empty()) {
    auto relative = std::filesystem::path(self).lexically_relative(cwd);
    if (!relative.empty() && relative.string().rfind("..", 0) != 0) path = relative.string();
  }
  return Front::kPath;
}

}  // namespace

std::string Typed(std::string_view verb, std::optional<int> number, std::optional<int> seed) {
  static std::string path;
  static const Front front = DetectFront(path);
  std::string n = number ? std::to_string(*number) : "";
  if (front == Front::kMake) {
    std::string target(verb);
    if (verb == "run") target = "kata";
    if (verb == "watch") return "make watch" + (number ? " N=" + n : "");
    if (!number) return "make " + target;
    return "make " + target + "-" + n + (seed ? " SEED=" + std::to_string(*seed) : "");
  }
  std::string program = front == Front::kKataOnPath ? "kata" : path;
  std::string command = program + " " + std::string(verb) + (number ? " " + n : "");
  if (seed) command += " --seed " + std::to_string(*seed);
  return command;
}

}  // namespace kata
