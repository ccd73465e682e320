#include "testkit/todo.h"

#include <atomic>
#include <mutex>
#include <string>

namespace kata::testkit {
namespace {

// "virtual void ns::Type::Method(const Arg&)" -> "ns::Type::Method".
std::string ShortFunctionName(std::string signature) {
  // clang writes an anonymous namespace "(anonymous namespace)", g++ "{anonymous}".
  const std::string_view clang_anonymous = "(anonymous namespace)";
  for (auto at = signature.find(clang_anonymous); at != std::string::npos; at = signature.find(clang_anonymous)) {
    signature.replace(at, clang_anonymous.size(), "{anonymous}");
  }
  auto paren = signature.find('(');
  std::string_view head = std::string_view(signature).substr(0, paren);
  auto space = head.rfind(' ');
  if (space != std::string_view::npos) head.remove_prefix(space + 1);
  while (!head.empty() && (head.front() == '*' || head.front() == '&')) {
    head.remove_prefix(1);
  }
  return std::string(head);
}

std::atomic<unsigned> todos_thrown = 0;
std::mutex last_todo_mutex;
std::string last_todo;  // guarded by last_todo_mutex

}  // namespace

unsigned TodosThrown() { return todos_thrown.load(); }

std::string LastTodo() {
  std::scoped_lock lock(last_todo_mutex);
  return last_todo;
}

void Todo(std::string_view message, SourceLocation where) {
  std::string text = "KATA_TODO at ";
  text += where.file_name();
  text += ':';
  text += std::to_string(where.line());
  text += " in ";
  text += ShortFunctionName(where.function_name());
  text += ": ";
  text += message;
  {
    std::scoped_lock lock(last_todo_mutex);
    last_todo = text;
  }
  todos_thrown.fetch_add(1);
  throw TodoError(text);
}

}  // namespace kata::testkit
