// libFuzzer target: kata::http::ParseTarget and PercentDecode (support/src/http.cpp)
// on arbitrary bytes as a request target, the part of a request a client
// controls completely.
//
// Proves, besides "no crash, no ASan or UBSan report":
// - the path is PercentDecode of the text before the first '?', and there is
//   no query without a '?' and never more parameters than '&'-separated pairs;
// - decoding never makes text longer, and '+' as a space changes characters,
//   never the length;
// - text without '%' decodes to itself (and, with '+' as a space, text
//   without '%' or '+');
// - PercentDecode undoes PercentEncode, with and without '/' kept and with
//   '+' read as a space (PercentEncode escapes '+').
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "kata/http.h"

#include "require.h"

namespace {

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using kata::http::PercentDecode;
  using kata::http::PercentEncode;

  kata::http::Request request;
  request.path = "left over";
  request.query = {{"left", "over"}};
  kata::http::ParseTarget(text, request);
  const std::string& path = request.path;
  const auto& query = request.query;
  const std::size_t question = text.find('?');
  Require(request.raw_path == text.substr(0, question), "the raw path is the text before the first '?'", text);
  Require(path == PercentDecode(request.raw_path), "the path is the raw path decoded", text);
  if (question == std::string_view::npos) {
    Require(query.empty(), "no '?', no query parameters", text);
  } else {
    std::size_t pairs = 1;
    for (char c : text.substr(question + 1)) pairs += c == '&' ? 1 : 0;
    Require(query.size() <= pairs, "at most one parameter per '&'-separated pair", text);
  }

  const std::string decoded = PercentDecode(text);
  const std::string plus_decoded = PercentDecode(text, /*plus_is_space=*/true);
  Require(decoded.size() <= text.size(), "decoding never lengthens the text", text);
  Require(plus_decoded.size() == decoded.size(), "'+' as a space keeps the length", text);
  if (text.find('%') == std::string_view::npos) {
    Require(decoded == text, "text without '%' decodes to itself", text);
    if (text.find('+') == std::string_view::npos) {
      Require(plus_decoded == text, "text without '%' or '+' decodes to itself", text);
    }
  }

  const std::string encoded = PercentEncode(text);
  Require(PercentDecode(encoded) == text, "PercentDecode undoes PercentEncode", text);
  Require(PercentDecode(encoded, true) == text, "'+' as a space still undoes PercentEncode", text);
  Require(PercentDecode(PercentEncode(text, /*keep_slashes=*/true)) == text,
          "PercentDecode undoes PercentEncode keeping '/'", text);
  return 0;
}
