// `kata lint`: the workbook authors' check of every kata.toml against its
// kata's tests. A kata.toml that names a suite no test defines, a test suite
// that no step lists (it would run only as "your own tests"), an unknown key
// (a typo such as `stres = true` would silently turn a stress step off), or a
// step without suites or hints is an error, reported with file and line.
//
// Thread safety: reads the file system only.
#pragma once

#include <filesystem>
#include <ostream>

namespace kata {

// Prints one line per problem to `out`; returns how many there were.
int LintKatas(const std::filesystem::path& root, std::ostream& out);

}  // namespace kata
