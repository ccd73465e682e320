// Temporary files and folders that clean up after themselves.
//
//   testkit::TempFile db(R"([{"Name":"Cleo","Wins":10}])");
//   FileSystemPlayerStore store(db.Path());
//   EXPECT_EQ(db.Read(), ...);
//
// Each TempFile lives alone in a fresh folder under the system's temporary
// directory, so code that writes a sibling file (an atomic save through a
// temporary file and a rename) is cleaned up too.
//
// Thread safety: not thread-safe; Read() may be called while the code under
// test writes the file, but then sees whichever version the file system has.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kata::testkit {

class TempDir {
 public:
  TempDir();
  ~TempDir();  // removes the folder and everything in it
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& Path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class TempFile {
 public:
  // Creates the file with these contents.
  explicit TempFile(std::string_view contents = "", std::string_view name = "db.json");

  // A path in a fresh folder where no file exists yet.
  static TempFile Missing(std::string_view name = "db.json");

  const std::filesystem::path& Path() const { return path_; }
  const std::filesystem::path& Dir() const { return dir_.Path(); }
  std::string Read() const;  // the whole file; throws if it cannot be read
  void Write(std::string_view contents) const;

  TempFile(TempFile&&) = delete;

 private:
  struct NoFile {};
  TempFile(NoFile, std::string_view name);
  TempDir dir_;
  std::filesystem::path path_;
};

// Reads or writes a whole file; throws std::runtime_error naming the path.
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, std::string_view contents);

}  // namespace kata::testkit
