// vka user: accounts of the web server (app/users.h, docs/security.md).
// Passwords are read from stdin (with echo off at a terminal), never from
// the command line, where other users of the machine could see them. The
// command line acts as "cli:<actor>" in the audit trail.

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "app/users.h"
#include "base/json.h"
#include "cli/command.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

constexpr size_t kMaxPasswordLine = 4096;

// Turns terminal echo off for its lifetime when stdin is a terminal.
class NoEcho {
 public:
  NoEcho() {
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios quiet = saved_;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  }
  ~NoEcho() {
    if (!active_) return;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    std::fputc('\n', stderr);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

// The first line of stdin, without its line ending.
base::Result<std::string> ReadPassword(const std::string& prompt) {
  if (isatty(STDIN_FILENO)) std::fputs(prompt.c_str(), stderr);
  std::string line;
  {
    NoEcho no_echo;
    std::getline(std::cin, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > kMaxPasswordLine) {
    return base::InvalidArgumentError("the password on stdin is too long");
  }
  if (line.empty()) return base::InvalidArgumentError("no password on stdin (one line expected)");
  return line;
}

std::string CliActor(const Globals& g) { return "cli:" + g.actor; }

std::string StatusText(const app::UserInfo& u) {
  if (u.disabled) return "disabled";
  if (u.locked) return "locked";
  return u.must_change_password ? "active (must change password)" : "active";
}

std::string UsersText(const std::vector<app::UserInfo>& users) {
  if (users.empty()) return "no users (add one with `vka user add NAME --role admin`)\n";
  std::string out;
  for (const auto& u : users) {
    char line[256];
    std::snprintf(line, sizeof line, "%-24s %-10s %-3s %s  %s\n", u.name.c_str(),
                  std::string(app::RoleName(u.role)).c_str(), u.totp_enabled ? "2fa" : "-",
                  u.created_at.c_str(), StatusText(u).c_str());
    out += line;
  }
  return out;
}

std::string UsersJson(const std::vector<app::UserInfo>& users) {
  base::Json array = base::Json::array();
  for (const auto& u : users) {
    array.push_back({{"name", u.name},
                     {"role", std::string(app::RoleName(u.role))},
                     {"disabled", u.disabled},
                     {"locked", u.locked},
                     {"totp", u.totp_enabled},
                     {"must_change_password", u.must_change_password},
                     {"created_at", u.created_at}});
  }
  return array.dump(2) + "\n";
}

void SetupUserAdd(CLI::App& user, Globals& g) {
  CLI::App* sub = user.add_subcommand("add", "Add a user (prints a one-time password)");
  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto from_stdin = std::make_shared<bool>(false);
  sub->add_option("name", *name, "User name: 1-64 of A-Z a-z 0-9 . _ -")->required();
  sub->add_option("--role", *role, "admin, lawyer, documenter, reviewer or viewer")->required();
  sub->add_flag("--password-stdin", *from_stdin,
                "Read the password from stdin instead of generating one");
  sub->callback([&g, name, role, from_stdin] {
    g.action = [&g, name, role, from_stdin]() -> base::Status {
      auto parsed = app::ParseUserRole(*role);
      if (!parsed) {
        return base::InvalidArgumentError("--role \"" + *role +
                                          "\": expected admin, lawyer, documenter, reviewer or "
                                          "viewer");
      }
      std::string password;
      if (*from_stdin) {
        VKA_ASSIGN_OR_RETURN(password, ReadPassword("Password: "));
      }
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string generated,
                           app::AddUser(*ws, *name, *parsed, password, CliActor(g)));
      std::string out = "added user " + *name + " (" + *role + ")\n";
      if (!generated.empty()) {
        out += "one-time password (shown once; it must be changed at first sign-in): " + generated +
               "\n";
      }
      return Print(out);
    };
  });
}

void SetupUserPasswd(CLI::App& user, Globals& g) {
  CLI::App* sub = user.add_subcommand("passwd", "Set a user's password (read from stdin)");
  auto name = std::make_shared<std::string>();
  sub->add_option("name", *name, "User name")->required();
  sub->callback([&g, name] {
    g.action = [&g, name]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_RETURN_IF_ERROR(app::GetUser(*ws, *name).status());
      VKA_ASSIGN_OR_RETURN(std::string password, ReadPassword("New password for " + *name + ": "));
      VKA_RETURN_IF_ERROR(app::SetPassword(*ws, *name, password, CliActor(g)));
      return Print("password of " + *name +
                   " set; their sessions are ended and a lock-out is cleared\n");
    };
  });
}

// disable / enable: the same shape.
void SetupUserSwitch(CLI::App& user, Globals& g, const char* verb, const char* help,
                     base::Status (*fn)(app::Workspace&, const std::string&, const std::string&),
                     const char* done) {
  CLI::App* sub = user.add_subcommand(verb, help);
  auto name = std::make_shared<std::string>();
  sub->add_option("name", *name, "User name")->required();
  sub->callback([&g, name, fn, done] {
    g.action = [&g, name, fn, done]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_RETURN_IF_ERROR(fn(*ws, *name, CliActor(g)));
      return Print(*name + " " + done + "\n");
    };
  });
}

void SetupUserList(CLI::App& user, Globals& g) {
  CLI::App* sub = user.add_subcommand("list", "List the users");
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--format", *format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->callback([&g, format] {
    g.action = [&g, format]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto users, app::ListUsers(*ws));
      return Print(*format == "json" ? UsersJson(users) : UsersText(users));
    };
  });
}

void SetupUser2fa(CLI::App& user, Globals& g) {
  CLI::App* sub = user.add_subcommand(
      "2fa",
      "Second factor (TOTP): start enrolment (prints an otpauth:// URI), --confirm CODE, "
      "or --off");
  auto name = std::make_shared<std::string>();
  auto code = std::make_shared<std::string>();
  auto off = std::make_shared<bool>(false);
  sub->add_option("name", *name, "User name")->required();
  CLI::Option* confirm =
      sub->add_option("--confirm", *code, "The six-digit code the authenticator app shows");
  sub->add_flag("--off", *off, "Remove the second factor")->excludes(confirm);
  sub->callback([&g, name, code, off] {
    g.action = [&g, name, code, off]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      if (*off) {
        VKA_RETURN_IF_ERROR(app::DisableTotp(*ws, *name, CliActor(g)));
        return Print("second factor of " + *name + " removed\n");
      }
      if (!code->empty()) {
        VKA_RETURN_IF_ERROR(app::ConfirmTotp(*ws, *name, *code, CliActor(g)));
        return Print("second factor of " + *name + " is on: sign-in now asks for a code\n");
      }
      VKA_ASSIGN_OR_RETURN(std::string uri, app::BeginTotp(*ws, *name, CliActor(g)));
      return Print(uri +
                   "\nadd this to an authenticator app (it holds a secret: do not share "
                   "it), then run: vka user 2fa " +
                   *name + " --confirm CODE\n");
    };
  });
}

}  // namespace

void SetupUser(CLI::App& user, Globals& g) {
  user.require_subcommand(1);
  SetupUserAdd(user, g);
  SetupUserPasswd(user, g);
  SetupUserSwitch(user, g, "disable", "Disable a user and end their sessions", app::DisableUser,
                  "disabled");
  SetupUserSwitch(user, g, "enable", "Enable a user again (also clears a lock-out)",
                  app::EnableUser, "enabled");
  SetupUserList(user, g);
  SetupUser2fa(user, g);
}

}  // namespace vka::cli
