// An output stream whose lines become websocket text frames: the blind
// alerter writes "Blind is now 200\n" to it, and the browser receives the
// frame "Blind is now 200". The counterpart of Go's io.Writer over a
// websocket connection.
//
// Thread safety: one thread at a time may write to a SocketStream (a
// std::ostream's own state is not thread-safe), but lines written from
// different threads, one after another, arrive whole and in order. Once the
// connection is closed, lines are dropped.
#pragma once

#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>

#include "kata/websocket.h"

namespace websockets {

// The buffer behind SocketStream: collects characters until a '\n', then
// sends the line, without it, as one frame.
class SocketBuffer : public std::streambuf {
 public:
  explicit SocketBuffer(kata::ws::Connection& connection) : connection_(connection) {}

  // Frames sent so far (dropped ones, after a close, not counted).
  int FramesSent() const;

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* text, std::streamsize count) override;

 private:
  kata::ws::Connection& connection_;
  mutable std::mutex mutex_;
  std::string line_;     // guarded by mutex_
  int frames_sent_ = 0;  // guarded by mutex_
};

class SocketStream : public std::ostream {
 public:
  // `connection` must outlive the stream.
  explicit SocketStream(kata::ws::Connection& connection)
      : std::ostream(nullptr), buffer_(connection) {
    rdbuf(&buffer_);
  }

  int FramesSent() const { return buffer_.FramesSent(); }

 private:
  SocketBuffer buffer_;
};

}  // namespace websockets
