// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cowl {

// A password to verify against an encoded scrypt hash (PasswordHash).
struct PasswordCheck {
    std::string password;
    std::string hash;
};

// Password checks done away from the evaluation. scrypt costs tens of
// milliseconds, and the proxy cannot spend them on a thread that serves
// every other connection it holds: it evaluates with the verdicts it has, an
// evaluation that needs one more ends pending and names it
// (AccessDecision::pendingPassword), and the proxy has it computed on
// another thread, adds the verdict here and evaluates again. A request
// needs one or two (its group's hash; a wrong username's timing check).
class PasswordVerdicts {
public:
    std::optional<bool> find(std::string_view password, std::string_view hash) const
    {
        auto it = std::find_if(m_known.begin(), m_known.end(), [&](const Known& k) {
            return k.check.password == password && k.check.hash == hash;
        });
        if (it == m_known.end())
            return std::nullopt;
        return it->valid;
    }
    void add(PasswordCheck check, bool valid) { m_known.push_back({std::move(check), valid}); }

private:
    struct Known {
        PasswordCheck check;
        bool valid;
    };
    std::vector<Known> m_known;
};

} // namespace cowl
