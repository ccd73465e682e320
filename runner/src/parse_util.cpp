#include "parse_util.h"

#include <charconv>
#include <filesystem>
#include <regex>

namespace kata::parse {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool Contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, std::min(end - start, kMaxLineLength)));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::string RelativePath(const std::string& file, const SourceContext& context, bool& in_repo) {
  in_repo = false;
  if (file.empty() || file == "<null>") return file;
  auto with_slash = [](const std::filesystem::path& dir) {
    std::string text = dir.string();
    if (!text.empty() && text.back() != '/') text += '/';
    return text;
  };
  std::string relative;
  if (file.front() == '/') {
    std::string root = with_slash(context.root);
    std::string source = with_slash(context.source_dir);
    if (!context.root.empty() && StartsWith(file, root)) {
      relative = file.substr(root.size());
    } else if (!context.source_dir.empty() && StartsWith(file, source)) {
      relative = file.substr(source.size());
    } else {
      return file;
    }
  } else {
    // A relative path comes from __FILE__ (relative to the sources) or from a
    // library's debug information ("nptl/pthread_kill.c"): only the first is ours.
    std::error_code error;
    bool ours = std::filesystem::exists(context.root / file, error) ||
                (!context.source_dir.empty() && std::filesystem::exists(context.source_dir / file, error));
    if (!ours) return file;
    relative = file;
  }
  // The build folder holds generated code, except the self-checks' mutants
  // (patched copies of a solution), whose frames are the interesting ones.
  bool generated = StartsWith(relative, "build") && !Contains(relative, "/mutants/");
  in_repo = !generated && !Contains(relative, "googletest");
  return relative;
}

int LineNumber(std::string_view digits) {
  int number = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), number).ec != std::errc()) return 0;
  return number;
}

bool IsTestFile(const std::string& file) { return Contains(file, "/tests/") || Contains(file, "_test.cpp"); }

bool IsLearnerFile(const Frame& frame, const SourceContext& context) {
  if (!frame.in_repo || IsTestFile(frame.file)) return false;
  return context.learner_prefix.empty() || StartsWith(frame.file, context.learner_prefix);
}

std::string StripAddresses(const std::string& text) {
  std::string out = std::regex_replace(text, std::regex(R"( \(pid=\d+\))"), "");
  out = std::regex_replace(out, std::regex(R"( at 0x[0-9a-f]+)"), "");
  out = std::regex_replace(out, std::regex(R"( \(0x[0-9a-f]+\))"), "");
  out = std::regex_replace(out, std::regex(R"(tid=\d+, )"), "");
  return out;
}

std::string Clip(std::string text) {
  if (text.size() > 100) text = text.substr(0, 97) + "...";
  return text;
}

std::string FrameLine(const Frame& frame) {
  std::string text = "      " + (frame.file.empty() ? Clip(ShortFunction(frame.function)) : frame.Where());
  if (!frame.file.empty()) text += "  " + Clip(ShortFunction(frame.function));
  return text;
}

}  // namespace kata::parse
