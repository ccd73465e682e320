#include "testkit/temp_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace kata::testkit {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kata-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("testkit::TempDir: mkdtemp(" + pattern +
                             ") failed: " + std::strerror(errno));
  }
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

TempFile::TempFile(std::string_view contents, std::string_view name)
    : path_(dir_.Path() / name) {
  WriteFile(path_, contents);
}

TempFile::TempFile(NoFile, std::string_view name) : path_(dir_.Path() / name) {}

TempFile TempFile::Missing(std::string_view name) { return TempFile(NoFile{}, name); }

std::string TempFile::Read() const { return ReadFile(path_); }
void TempFile::Write(std::string_view contents) const { WriteFile(path_, contents); }

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::filesystem::path& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace kata::testkit
