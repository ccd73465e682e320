#include "socket_stream.h"

namespace websockets {

int SocketBuffer::FramesSent() const {
  std::scoped_lock lock(mutex_);
  return frames_sent_;
}

SocketBuffer::int_type SocketBuffer::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  char c = traits_type::to_char_type(ch);
  xsputn(&c, 1);
  return ch;
}

std::streamsize SocketBuffer::xsputn(const char* text, std::streamsize count) {
  std::scoped_lock lock(mutex_);
  for (std::streamsize i = 0; i < count; ++i) {
    if (text[i] != '\n') {
      line_ += text[i];
      continue;
    }
    if (connection_.Send(line_)) ++frames_sent_;
    line_.clear();
  }
  return count;
}

}  // namespace websockets
