#pragma once

namespace counter {

class Counter {
 public:
  void Inc();
  int Value() const;

 private:
  int value_ = 0;
};

}  // namespace counter
