// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/access/AccessEvaluator.h"

#include <array>
#include <charconv>
#include <limits>
#include <vector>

#include "shared/crypto/PasswordHash.h"
#include "shared/crypto/TokenHash.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl {

namespace {

constexpr std::string_view kRealm = "cowl";

enum class Check : std::uint8_t { Unchecked, Satisfied, NotSatisfied };

struct GroupState {
    Check check = Check::Unchecked;
    bool presented = false; // a credential for this group was in the request
    std::optional<CredentialSource> consumed;
};

std::string_view stripBearer(std::string_view value) {
    constexpr std::string_view kPrefix = "bearer ";
    if (value.size() > kPrefix.size()) {
        bool match = true;
        for (std::size_t i = 0; i < kPrefix.size() && match; ++i) {
            const char c = value[i];
            match = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == kPrefix[i];
        }
        if (match) {
            return value.substr(kPrefix.size());
        }
    }
    return value;
}

bool isAuthorization(std::string_view name) {
    constexpr std::string_view kName = "authorization";
    if (name.size() != kName.size()) {
        return false;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kName[i]) {
            return false;
        }
    }
    return true;
}

std::optional<std::string_view> lookup(const PresentedCredentials& credentials, const CredentialSource& source) {
    switch (source.kind) {
    case CredentialSource::Kind::Basic:
        return std::nullopt;
    case CredentialSource::Kind::Bearer:
        return credentials.bearer;
    case CredentialSource::Kind::Header:
        // The Authorization header is already split by the proxy; its bearer part is the token.
        if (isAuthorization(source.name)) {
            return credentials.bearer;
        }
        if (auto value = credentials.header(source.name)) {
            return stripBearer(*value);
        }
        return std::nullopt;
    case CredentialSource::Kind::Cookie:
        return credentials.cookie(source.name);
    case CredentialSource::Kind::Query:
        return credentials.query(source.name);
    }
    return std::nullopt;
}

bool inAny(const std::vector<Cidr>& cidrs, const IpAddress& address) {
    for (const Cidr& c : cidrs) {
        if (c.contains(address)) {
            return true;
        }
    }
    return false;
}

class Evaluation {
public:
    Evaluation(const AccessDocument& document, const AccessRequest& request, VerifiedCredentials* memory)
        : m_doc(document), m_request(request), m_memory(memory) {
        if (m_doc.groups.size() <= m_inline.size()) {
            m_states = m_inline.data();
        } else {
            m_heap.resize(m_doc.groups.size());
            m_states = m_heap.data();
        }
        const AccessValue::Domain domain = AccessValue::domainOf(request.program);
        if (domain == AccessValue::Domain::Port) {
            m_number = request.port ? *request.port : ProgramCatalogue::find(request.program)->defaultPort;
        } else if (domain == AccessValue::Domain::Index) {
            m_number = request.index.value_or(1);
        }
    }

    AccessDecision run() {
        if (ProgramCatalogue::find(m_request.program) == nullptr) {
            AccessDecision d;
            d.reason = "'" + std::string(m_request.program.substr(0, 40)) + "' is not a program of the catalogue";
            return d;
        }
        AccessDecision d = decide();
        // A wrong username must cost what a wrong password costs, or timing tells
        // which usernames exist: verify against a checked group's own hash.
        if (m_timingHash != nullptr && !m_usernameMatched) {
            checkPassword(m_request.credentials.basic->password, *m_timingHash);
        }
        if (m_pending) {
            AccessDecision pending;
            pending.reason = "waiting for a password check";
            pending.pendingPassword = std::move(m_pending);
            return pending;
        }
        return d;
    }

private:
    AccessDecision decide() {
        std::size_t i = 0;
        for (const auto& [name, group] : m_doc.groups) {
            const AccessValue* value = m_doc.permission(name, m_request.program);
            if (value != nullptr && value->grants(m_number) && satisfied(i, group)) {
                AccessDecision d;
                d.allowed = true;
                d.status = 200;
                d.group = name;
                d.reason = groupReason(name, group, " grants ");
                d.forwardCredentials = group.forwardCredentials;
                d.consumed = m_states[i].consumed;
                return d;
            }
            ++i;
        }
        i = 0;
        for (const auto& [name, group] : m_doc.groups) {
            const AccessValue* value = m_doc.permission(name, m_request.program);
            if (value != nullptr && value->deniesExplicitly() && satisfied(i, group)) {
                AccessDecision d = denial();
                d.group = name;
                d.reason = groupReason(name, group, " denies ");
                return d;
            }
            ++i;
        }
        if (m_doc.defaultDecision == DefaultDecision::Allow) {
            AccessDecision d;
            d.allowed = true;
            d.status = 200;
            d.reason = "no satisfied group decides ";
            appendTarget(d.reason);
            d.reason += "; default allow";
            return d;
        }
        AccessDecision d = denial();
        d.reason = "no satisfied group grants ";
        appendTarget(d.reason);
        d.reason += "; default deny";
        return d;
    }

    // Built by appending into one buffer: this runs on every proxied request.
    std::string groupReason(const std::string& name, const AccessGroup& group, std::string_view verb) const {
        std::string r;
        r.reserve(64);
        r += "group '";
        r += name;
        r += "' (";
        r += toString(group.type());
        r += ')';
        r += verb;
        appendTarget(r);
        return r;
    }

    void appendTarget(std::string& out) const {
        out += m_request.program;
        const AccessValue::Domain domain = AccessValue::domainOf(m_request.program);
        char digits[16];
        if (domain == AccessValue::Domain::Port) {
            const auto end = std::to_chars(digits, digits + sizeof(digits), *m_number).ptr;
            out += " port ";
            out.append(digits, end);
        } else if (domain == AccessValue::Domain::Index) {
            const auto end = std::to_chars(digits, digits + sizeof(digits), m_request.index.value_or(1)).ptr;
            out += " #";
            out.append(digits, end);
        }
    }

    // 401 or 403, and whether a wrong credential was presented (SPEC §3 Answers).
    AccessDecision denial() {
        AccessDecision d;
        d.allowed = false;
        bool identified = false;
        bool rejected = false;
        bool basic = false;
        bool bearer = false;
        std::size_t i = 0;
        for (const auto& [name, group] : m_doc.groups) {
            if (group.isCredentialGroup()) {
                const bool ok = satisfied(i, group);
                identified = identified || ok;
                rejected = rejected || (!ok && m_states[i].presented);
                const AccessValue* value = m_doc.permission(name, m_request.program);
                const bool couldGrant = !ok && value != nullptr && value->grants(m_number) &&
                                        (group.from.empty() || inAny(group.from, m_request.client));
                if (couldGrant) {
                    (group.type() == GroupType::Password ? basic : bearer) = true;
                }
            }
            ++i;
        }
        d.credentialFailed = rejected && !identified;
        if (identified || (!basic && !bearer)) {
            d.status = 403;
            return d;
        }
        d.status = 401;
        if (basic) {
            d.challenge = "Basic realm=\"" + std::string(kRealm) + "\", charset=\"UTF-8\"";
        }
        if (bearer) {
            d.challenge += (basic ? ", " : "") + std::string("Bearer realm=\"") + std::string(kRealm) + "\"";
        }
        return d;
    }

    bool satisfied(std::size_t i, const AccessGroup& group) {
        GroupState& s = m_states[i];
        if (s.check == Check::Unchecked) {
            s.check = verify(s, group) ? Check::Satisfied : Check::NotSatisfied;
        }
        return s.check == Check::Satisfied;
    }

    std::int64_t now() {
        if (!m_now) {
            m_now = m_request.now ? *m_request.now : JwtVerifier::systemNow();
        }
        return *m_now;
    }

    bool remembered(const AccessGroup& group, std::string_view presented) {
        return m_memory != nullptr && m_memory->contains(group.fingerprint, presented, now());
    }

    void remember(const AccessGroup& group, std::string_view presented, std::int64_t validUntil) {
        if (m_memory != nullptr) {
            m_memory->add(group.fingerprint, presented, validUntil);
        }
    }

    // scrypt here, or the verdict the caller computed elsewhere; none yet:
    // the first such check is recorded as the one the evaluation waits for.
    std::optional<bool> checkPassword(std::string_view password, const std::string& hash) {
        if (m_request.passwordVerdicts == nullptr) {
            return PasswordHash::verify(password, hash);
        }
        std::optional<bool> verdict = m_request.passwordVerdicts->find(password, hash);
        if (!verdict && !m_pending) {
            m_pending = PasswordCheck{std::string(password), hash};
        }
        return verdict;
    }

    bool verify(GroupState& s, const AccessGroup& group) {
        const IpAddress& client = m_request.client;
        if (const auto* ip = std::get_if<IpCredential>(&group.credential)) {
            return inAny(ip->cidrs, client);
        }
        // The network factor first: outside `from`, the credential is not even looked at.
        if (!group.from.empty() && !inAny(group.from, client)) {
            return false;
        }
        const PresentedCredentials& presented = m_request.credentials;
        if (const auto* password = std::get_if<PasswordCredential>(&group.credential)) {
            if (!presented.basic) {
                return false;
            }
            s.presented = true;
            if (!password->passwordHash.empty()) {
                m_timingHash = &password->passwordHash;
            }
            if (password->passwordHash.empty() || presented.basic->username != password->username) {
                return false;
            }
            m_usernameMatched = true;
            const std::string_view pass = presented.basic->password;
            if (!remembered(group, pass)) {
                // No verdict yet (pending) counts as not satisfied: run() then
                // discards the whole decision.
                if (checkPassword(pass, password->passwordHash) != true) {
                    return false;
                }
                remember(group, pass, std::numeric_limits<std::int64_t>::max());
            }
            s.consumed = CredentialSource{CredentialSource::Kind::Basic, {}};
            return true;
        }
        if (const auto* token = std::get_if<TokenCredential>(&group.credential)) {
            for (const CredentialSource& source : token->sources) {
                const auto value = lookup(presented, source);
                if (!value) {
                    continue;
                }
                s.presented = true;
                if (!token->valueHash.empty() && TokenHash::matches(*value, token->valueHash)) {
                    s.consumed = source;
                    return true;
                }
            }
            return false;
        }
        const auto& jwt = std::get<JwtCredential>(group.credential);
        for (const CredentialSource& source : jwt.sources) {
            const auto value = lookup(presented, source);
            if (!value) {
                continue;
            }
            s.presented = true;
            if (!jwt.verifier) {
                continue;
            }
            if (remembered(group, *value)) {
                s.consumed = source;
                return true;
            }
            const JwtResult result = jwt.verifier->verify(*value, now());
            if (result.valid) {
                const std::int64_t until = result.expiresAt ? *result.expiresAt + jwt.verifier->options().leewaySeconds
                                                            : std::numeric_limits<std::int64_t>::max();
                remember(group, *value, until);
                s.consumed = source;
                return true;
            }
        }
        return false;
    }

    const AccessDocument& m_doc;
    const AccessRequest& m_request;
    VerifiedCredentials* m_memory;
    std::optional<std::uint32_t> m_number;
    std::optional<std::int64_t> m_now;
    const std::string* m_timingHash = nullptr;
    std::optional<PasswordCheck> m_pending;
    bool m_usernameMatched = false;
    std::array<GroupState, 16> m_inline{};
    std::vector<GroupState> m_heap;
    GroupState* m_states = nullptr;
};

} // namespace

AccessDecision AccessEvaluator::evaluate(const AccessDocument* document, const AccessRequest& request,
                                         VerifiedCredentials* memory) {
    if (document == nullptr) {
        AccessDecision d;
        d.allowed = true;
        d.status = 200;
        d.reason = "no access document in force: open (the URL is the only secret)";
        return d;
    }
    return Evaluation(*document, request, memory).run();
}

} // namespace cowl
