#include "socket_stream.h"

#include "testkit/todo.h"

namespace websockets {

int SocketBuffer::FramesSent() const {
  // TODO: how many frames connection_.Send has accepted.
  KATA_TODO("count the frames sent");
}

// std::ostream calls these with what is written to it. (An exception thrown
// here would be swallowed by the stream, which only sets its badbit.)
SocketBuffer::int_type SocketBuffer::overflow(int_type ch) {
  // TODO: one character; eof() means "nothing to write".
  (void)ch;
  return traits_type::eof();
}

std::streamsize SocketBuffer::xsputn(const char* text, std::streamsize count) {
  // TODO: collect characters in line_; on '\n' send the line as one frame.
  (void)text;
  (void)count;
  return 0;
}

}  // namespace websockets
