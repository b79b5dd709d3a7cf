// Sign in, who am I, sign out (docs/api.md "Session").

#include "base/sha256.h"
#include "http/internal/api.h"

namespace vka::http::internal {
namespace {

std::string StringField(const base::Json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

base::Json SessionJson(const app::Session& session) {
  return {{"user", session.user},
          {"role", app::RoleName(session.role)},
          {"csrf", session.csrf_token},
          {"expires_at", session.expires_at},
          {"must_change_password", session.must_change_password}};
}

}  // namespace

void Api::RegisterSession(httplib::Server& server) {
  Handle(server, "POST", "/api/v1/session", Access::kPublic, [this](Call& call) -> base::Status {
    VKA_ASSIGN_OR_RETURN(base::Json body, call.JsonBody());
    app::LoginRequest request;
    request.name = StringField(body, "name");
    request.password = StringField(body, "password");
    request.totp = StringField(body, "totp");
    request.remote_addr = call.req.remote_addr;
    auto lock = LockWrites();
    auto session = app::Login(call.ws, request);
    lock.unlock();
    if (!session.ok()) {
      if (session.status().code() == base::StatusCode::kResourceExhausted) {
        constexpr char kRetrySeconds[] = "60";
        call.res.set_header("Retry-After", kRetrySeconds);
      }
      return session.status();
    }
    call.res.set_header("Set-Cookie", SessionCookie(session->token, /*clear=*/false));
    call.Json(200, SessionJson(*session));
    return base::OkStatus();
  });
  Handle(server, "GET", "/api/v1/session", Access::kSession, [](Call& call) -> base::Status {
    call.Json(200, SessionJson(call.caller.session));
    return base::OkStatus();
  });
  // A new password, proven by the current one. Ends every session of the
  // user (app::SetPassword), so the browser signs in again.
  Handle(server, "POST", "/api/v1/session/password", Access::kSession,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(base::Json body, call.JsonBody());
           std::string user = call.caller.session.user;
           auto lock = LockWrites();
           app::LoginRequest check{user, StringField(body, "password"), StringField(body, "totp"),
                                   call.req.remote_addr};
           auto proof = app::Login(call.ws, check);
           if (!proof.ok()) {
             if (proof.status().code() != base::StatusCode::kUnauthenticated) return proof.status();
             return base::PermissionDeniedError("the current password is wrong");
           }
           VKA_RETURN_IF_ERROR(app::Logout(call.ws, proof->token));
           VKA_RETURN_IF_ERROR(
               app::SetPassword(call.ws, user, StringField(body, "new_password"), user));
           CacheDrop(base::HexLower(base::Sha256Of(CookieValue(call.req, kSessionCookie))));
           call.res.set_header("Set-Cookie", SessionCookie("", /*clear=*/true));
           call.Json(200, {{"changed", true}});
           return base::OkStatus();
         });
  Handle(server, "DELETE", "/api/v1/session", Access::kSession, [this](Call& call) -> base::Status {
    std::string token = CookieValue(call.req, kSessionCookie);
    CacheDrop(base::HexLower(base::Sha256Of(token)));
    {
      auto lock = LockWrites();
      VKA_RETURN_IF_ERROR(app::Logout(call.ws, token));
    }
    call.res.status = 204;
    call.res.set_header("Set-Cookie", SessionCookie("", /*clear=*/true));
    return base::OkStatus();
  });
}

}  // namespace vka::http::internal
