#include "check_websites.h"

#include <cstddef>
#include <exception>
#include <thread>

namespace check_websites {

std::map<std::string, bool> CheckWebsites(const WebsiteChecker& checker,
                                          const std::vector<std::string>& urls) {
  // Each worker owns one slot, so the workers share nothing with each other;
  // the map is built by this thread alone, after every worker has joined.
  struct Slot {
    bool up = false;
    std::exception_ptr error;
  };
  std::vector<Slot> slots(urls.size());
  {
    std::vector<std::jthread> workers;
    workers.reserve(urls.size());
    for (std::size_t i = 0; i < urls.size(); ++i) {
      // i by value: a reference to the loop variable would be read after it changed.
      workers.emplace_back([&checker, &url = urls[i], &slot = slots[i]] {
        try {
          slot.up = checker(url);
        } catch (...) {
          slot.error = std::current_exception();
        }
      });
    }
  }  // the jthreads join here

  std::map<std::string, bool> results;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (slots[i].error) std::rethrow_exception(slots[i].error);
    results[urls[i]] = slots[i].up;
  }
  return results;
}

}  // namespace check_websites
