// CheckWebsites: check many URLs at once and gather the answers in one map.
//
// Thread safety: CheckWebsites may be called from any thread; it calls
// `checker` from several threads at once, so the checker must allow that.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace check_websites {

// True if the website at the URL answers.
using WebsiteChecker = std::function<bool(std::string_view url)>;

// Checks every URL concurrently, each exactly once, and returns URL -> result
// once every check has finished. If a check throws, the first exception is
// rethrown after all the checks have finished.
std::map<std::string, bool> CheckWebsites(const WebsiteChecker& checker,
                                          const std::vector<std::string>& urls);

}  // namespace check_websites
