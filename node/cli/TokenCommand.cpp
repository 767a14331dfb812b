// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/TokenCommand.h"

#include "node/api/TokenIssuer.h"
#include "node/cli/Arguments.h"
#include "node/cli/CliError.h"
#include "node/cli/ControlSocketClient.h"
#include "node/cli/NodeConnection.h"
#include "node/cli/StateDirectory.h"
#include "node/cli/StateLock.h"
#include "node/config/NodeConfig.h"
#include "node/pki/NodePki.h"
#include "node/store/DocumentStore.h"
#include "shared/Id.h"
#include "shared/ValidationError.h"
#include "shared/api/Token.h"

#include <iomanip>
#include <iostream>

namespace cowl::node {

namespace {

struct TokenRow {
    std::string id;
    std::string name;
    std::string realm;
    std::string role;
    std::string created;
};

const std::vector<OptionSpec> kOptions = {{"state-dir"}, {"name"}, {"role"}, {"realm"}};

TokenRole roleFrom(const Arguments& arguments) {
    const auto text = arguments.required("role");
    const auto role = parseTokenRole(text);
    if (!role)
        throw UsageError("--role must be admin, operator, viewer or lockdown (not '" + text + "')");
    return *role;
}

std::string nameFrom(const Arguments& arguments) {
    const auto name = arguments.required("name");
    try {
        validateTokenName(name);
    } catch (const ValidationError& e) {
        throw UsageError(std::string("--name: ") + e.what());
    }
    return name;
}

// --realm takes an id or a name; realms are few, names are what people remember.
std::string resolveRealm(const std::vector<std::pair<std::string, std::string>>& realms, const std::string& wanted) {
    for (const auto& [id, name] : realms)
        if (id == wanted || name == wanted)
            return id;
    std::string known;
    for (const auto& [id, name] : realms)
        known += (known.empty() ? "" : ", ") + name + " (" + id + ")";
    throw CommandFailure("no realm '" + wanted + "' on this node; realms: " + (known.empty() ? "none" : known));
}

void printTable(const std::vector<TokenRow>& rows) {
    std::vector<std::size_t> widths = {2, 4, 5, 4, 7};
    for (const auto& row : rows) {
        widths[0] = std::max(widths[0], row.id.size());
        widths[1] = std::max(widths[1], row.name.size());
        widths[2] = std::max(widths[2], row.realm.size());
        widths[3] = std::max(widths[3], row.role.size());
    }
    auto line = [&](const TokenRow& row) {
        std::cout << std::left << std::setw(static_cast<int>(widths[0])) << row.id << "  "
                  << std::setw(static_cast<int>(widths[1])) << row.name << "  " << std::setw(static_cast<int>(widths[2]))
                  << row.realm << "  " << std::setw(static_cast<int>(widths[3])) << row.role << "  " << row.created
                  << "\n";
    };
    line({"ID", "NAME", "REALM", "ROLE", "CREATED"});
    for (const auto& row : rows)
        line(row);
    std::cout.flush();
}

TokenRow rowFor(const Token& token, const std::vector<std::pair<std::string, std::string>>& realms) {
    std::string realm = "(node)";
    if (token.realmId) {
        realm = *token.realmId;
        for (const auto& [id, name] : realms)
            if (id == *token.realmId)
                realm = name;
    }
    return {token.id, token.name, realm, std::string(toString(token.role)), token.createdAt};
}

// Running node: the control socket.
class OnlineTokens {
public:
    explicit OnlineTokens(const StateDirectory& state) : m_client(state.controlSocket()) {}

    std::vector<std::pair<std::string, std::string>> realms() const {
        const auto reply = expect(m_client.request("GET", "/api/v1/realms"), 200);
        std::vector<std::pair<std::string, std::string>> result;
        for (const auto& realm : items(reply, "realms"))
            result.emplace_back(realm.at("id").get<std::string>(), realm.at("name").get<std::string>());
        return result;
    }

    // Returns the new token's secret.
    std::string create(const std::string& name, TokenRole role, const std::optional<std::string>& realmId) const {
        nlohmann::json body{{"name", name}, {"role", std::string(toString(role))}};
        if (realmId)
            body["realm_id"] = *realmId;
        const auto reply = expect(m_client.request("POST", "/api/v1/tokens", body), 201);
        const auto created = reply.json().value_or(nlohmann::json::object());
        if (!created.contains("token") || !created["token"].is_string())
            throw CommandFailure("the node created the token but did not send it");
        return created["token"].get<std::string>();
    }

    std::vector<Token> list() const {
        const auto reply = expect(m_client.request("GET", "/api/v1/tokens"), 200);
        std::vector<Token> tokens;
        for (const auto& token : items(reply, "tokens"))
            tokens.push_back(token.get<Token>());
        return tokens;
    }

    void revoke(const std::string& id) const {
        const auto reply = m_client.request("DELETE", "/api/v1/tokens/" + id);
        if (reply.status == 404)
            throw CommandFailure("no token with id " + id + " on this node; see: cowl-node token list");
        if (reply.status / 100 != 2)
            throw CommandFailure("the node refused to revoke the token: " + reply.errorMessage());
    }

private:
    static ControlReply expect(ControlReply reply, int status) {
        if (reply.status != status)
            throw CommandFailure("the node refused: " + reply.errorMessage());
        return reply;
    }
    // A list answer: a bare array, or an object holding one under `key`.
    static nlohmann::json items(const ControlReply& reply, const char* key) {
        const auto j = reply.json();
        if (j && j->is_array())
            return *j;
        if (j && j->is_object() && j->contains(key) && (*j)[key].is_array())
            return (*j)[key];
        throw CommandFailure("the node sent a list in an unexpected shape");
    }

    ControlSocketClient m_client;
};

std::vector<std::pair<std::string, std::string>> storedRealms(const DocumentStore& store) {
    std::vector<std::pair<std::string, std::string>> result;
    for (const auto& doc : store.list("realms")) {
        const auto realm = TokenIssuer::realmFromStored(doc);
        result.emplace_back(realm.id, realm.name);
    }
    return result;
}

int create(const StateDirectory& state, const Arguments& arguments) {
    const auto name = nameFrom(arguments);
    const auto role = roleFrom(arguments);
    const auto realmArgument = arguments.value("realm");
    // The connection string names the configured address (the socket's Host is no address a console can dial).
    const auto config = NodeConfig::load(state.configFile());
    const auto pki = NodePki::load(state.pkiDir());
    auto lock = StateLock::tryAcquire(state.lockFile());
    if (!lock) {
        const OnlineTokens node(state);
        std::optional<std::string> realmId;
        if (realmArgument)
            realmId = resolveRealm(node.realms(), *realmArgument);
        const auto secret = node.create(name, role, realmId);
        std::cout << connectionStringFor(config, pki.controlFingerprint(), secret).format() << std::endl;
    } else {
        DocumentStore store(state.storeDir());
        store.load();
        std::optional<std::string> realmId;
        if (realmArgument)
            realmId = resolveRealm(storedRealms(store), *realmArgument);
        const auto issued = TokenIssuer::issue(store, name, role, realmId);
        std::cout << connectionStringFor(config, pki.controlFingerprint(), issued.secret).format() << std::endl;
    }
    std::cerr << "cowl-node: token '" << name << "' created (role " << toString(role) << ", "
              << (realmArgument ? "realm " + *realmArgument : std::string("every realm"))
              << "). The connection string on stdout is shown only now: keep it secret.\n";
    return 0;
}

int list(const StateDirectory& state) {
    auto lock = StateLock::tryAcquire(state.lockFile());
    std::vector<TokenRow> rows;
    if (!lock) {
        const OnlineTokens node(state);
        const auto realms = node.realms();
        for (const auto& token : node.list())
            rows.push_back(rowFor(token, realms));
    } else {
        DocumentStore store(state.storeDir());
        store.load();
        const auto realms = storedRealms(store);
        for (const auto& doc : store.list("tokens"))
            rows.push_back(rowFor(TokenIssuer::tokenFromStored(doc), realms));
    }
    std::sort(rows.begin(), rows.end(), [](const TokenRow& a, const TokenRow& b) {
        return std::tie(a.created, a.id) < std::tie(b.created, b.id);
    });
    printTable(rows);
    return 0;
}

int revoke(const StateDirectory& state, const std::string& id) {
    if (!Id::isValid(id))
        throw CommandFailure("no token with id " + id + " on this node; see: cowl-node token list");
    auto lock = StateLock::tryAcquire(state.lockFile());
    if (!lock) {
        OnlineTokens(state).revoke(id);
    } else {
        DocumentStore store(state.storeDir());
        store.load();
        if (!store.remove("tokens", id, std::nullopt))
            throw CommandFailure("no token with id " + id + " on this node; see: cowl-node token list");
    }
    std::cerr << "cowl-node: token " << id << " revoked.\n";
    return 0;
}

} // namespace

const char* TokenCommand::help() {
    return "usage: cowl-node token create --state-dir DIR --name NAME --role ROLE [--realm REALM]\n"
           "       cowl-node token list   --state-dir DIR\n"
           "       cowl-node token revoke --state-dir DIR ID\n"
           "\n"
           "create  prints a connection string with a new token on stdout (shown only once).\n"
           "        ROLE: admin, operator, viewer or lockdown. REALM: a realm id or name;\n"
           "        without it the token is node scope (every realm).\n"
           "list    id, name, realm, role and creation time of every token (never the secret).\n"
           "revoke  removes a token at once (a running node closes its connections).\n"
           "While the node runs these go through its control socket (run as root);\n"
           "otherwise they change the state directory directly.\n";
}

int TokenCommand::run(const std::vector<std::string>& args) {
    if (args.empty())
        throw UsageError("cowl-node token needs create, list or revoke; see: cowl-node token --help");
    const std::string action = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (action == "create") {
        const Arguments arguments(rest, kOptions, 0, "token create");
        const StateDirectory state(arguments.required("state-dir"));
        state.requireInitialised();
        return create(state, arguments);
    }
    if (action == "list") {
        const Arguments arguments(rest, {{"state-dir"}}, 0, "token list");
        const StateDirectory state(arguments.required("state-dir"));
        state.requireInitialised();
        return list(state);
    }
    if (action == "revoke") {
        const Arguments arguments(rest, {{"state-dir"}}, 1, "token revoke");
        const StateDirectory state(arguments.required("state-dir"));
        if (arguments.positional().empty())
            throw UsageError("cowl-node token revoke needs the token id (see: cowl-node token list)");
        state.requireInitialised();
        return revoke(state, arguments.positional().front());
    }
    throw UsageError("unknown token action '" + action + "' (use create, list or revoke)");
}

} // namespace cowl::node
