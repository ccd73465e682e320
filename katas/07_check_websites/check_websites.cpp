#include "check_websites.h"

#include <exception>
#include <thread>

#include "testkit/todo.h"

namespace check_websites {

std::map<std::string, bool> CheckWebsites(const WebsiteChecker& checker,
                                          const std::vector<std::string>& urls) {
  (void)checker;
  (void)urls;
  // TODO: call checker(url) for every URL, each on its own thread, and
  // return url -> result once all of them have finished.
  KATA_TODO("check every URL concurrently and gather the results");
}

}  // namespace check_websites
