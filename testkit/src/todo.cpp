#include "testkit/todo.h"

#include <string>

namespace kata::testkit {
namespace {

// "virtual void ns::Type::Method(const Arg&)" -> "ns::Type::Method".
std::string_view ShortFunctionName(std::string_view signature) {
  auto paren = signature.find('(');
  std::string_view head = signature.substr(0, paren);
  auto space = head.rfind(' ');
  if (space != std::string_view::npos) head.remove_prefix(space + 1);
  while (!head.empty() && (head.front() == '*' || head.front() == '&')) {
    head.remove_prefix(1);
  }
  return head;
}

}  // namespace

void Todo(std::string_view message, std::source_location where) {
  std::string text = "KATA_TODO at ";
  text += where.file_name();
  text += ':';
  text += std::to_string(where.line());
  text += " in ";
  text += ShortFunctionName(where.function_name());
  text += ": ";
  text += message;
  throw TodoError(text);
}

}  // namespace kata::testkit
