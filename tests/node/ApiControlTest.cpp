// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>
#include <sstream>

#include "node/api/ControlApi.h"
#include "node/api/EventSink.h"
#include "node/api/TokenIssuer.h"
#include "shared/api/ConnectionString.h"

using namespace cowl;
using namespace cowl::node;
using nlohmann::json;

namespace {

// Collects what the hub pushes, as a console would receive it.
class CollectingSink : public EventSink {
public:
    void deliver(std::string frame) override {
        auto event = json::parse(frame);
        // Token use (last_used_at) is news for admins, not for this test.
        if (event.at("resource") != "token") {
            frames.push_back(std::move(event));
        }
    }
    void close() override { closed = true; }
    std::vector<json> frames;
    bool closed = false;
};

} // namespace

// The whole API in-process (no sockets): every rule of docs/api.md that does
// not need a transport.
class ApiControlTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<DocumentStore> m_store;
    std::unique_ptr<ControlApi> m_api;
    std::string m_admin;

    std::filesystem::path storeDir() const { return m_tmp->path().toStdString() + "/store"; }

    ApiResponse call(const std::string& method, const std::string& target, const std::string& token,
                     const std::optional<std::string>& body = std::nullopt,
                     const std::optional<std::string>& ifMatch = std::nullopt) {
        ApiRequest r;
        r.method = method;
        r.target = target;
        r.authorization = token.empty() ? "" : "Bearer " + token;
        if (body) {
            r.body = *body;
            r.contentType = "application/json";
        }
        r.ifMatch = ifMatch;
        r.host = "node.test:7443";
        return m_api->handle(r);
    }
    ApiResponse call(const std::string& method, const std::string& target, const std::string& token, const json& body,
                     const std::optional<std::string>& ifMatch = std::nullopt) {
        return call(method, target, token, std::optional<std::string>(body.dump()), ifMatch);
    }

    static std::string code(const ApiResponse& r) { return r.body.at("error").at("code").get<std::string>(); }
    static std::string id(const ApiResponse& r) { return r.body.at("id").get<std::string>(); }

    // Every file under the store with its content: "nothing changed on disk".
    // Tokens are left out: their last_used_at moves when they are used.
    std::map<std::string, std::string> diskSnapshot() const {
        std::map<std::string, std::string> out;
        for (const auto& e : std::filesystem::recursive_directory_iterator(storeDir())) {
            if (e.is_regular_file() && e.path().parent_path().filename() != "tokens") {
                std::ifstream in(e.path());
                std::stringstream s;
                s << in.rdbuf();
                out[e.path().string()] = s.str();
            }
        }
        return out;
    }

    std::string token(TokenRole role, const std::optional<std::string>& realm) {
        return TokenIssuer::issue(*m_store, "t", role, realm).secret;
    }

private slots:
    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<DocumentStore>(storeDir());
        m_store->load();
        TokenIssuer::createRealm(*m_store, "default");
        m_admin = TokenIssuer::issue(*m_store, "operator", TokenRole::Admin, std::nullopt).secret;
        m_api = std::make_unique<ControlApi>(*m_store, NodeIdentity{"node1", "cowl.test", std::string(64, 'a'), "::1"});
    }

    void cleanup() {
        m_api.reset();
        m_store.reset();
        m_tmp.reset();
    }

    void authenticationFailuresLookAlike() {
        const auto missing = call("GET", "/api/v1/projects", "");
        const auto wrong = call("GET", "/api/v1/projects", "cowl_" + std::string(64, '0'));
        const auto malformed = call("GET", "/api/v1/projects", "hello");
        auto created = call("POST", "/api/v1/tokens", m_admin, json{{"name", "gone"}, {"role", "viewer"}});
        QCOMPARE(created.status, 201u);
        const std::string secret = created.body.at("token").get<std::string>();
        QCOMPARE(call("GET", "/api/v1/projects", secret).status, 200u);
        QCOMPARE(call("DELETE", "/api/v1/tokens/" + id(created), m_admin).status, 204u);
        const auto revoked = call("GET", "/api/v1/projects", secret);
        for (const auto* r : {&missing, &wrong, &malformed, &revoked}) {
            QCOMPARE(r->status, 401u);
            QCOMPARE(r->body, missing.body);
        }
        // Unknown paths too: nothing is learned without a token.
        QCOMPARE(call("GET", "/api/v1/nothing", "").status, 401u);
    }

    void createdTokenCarriesConnectionString() {
        auto r = call("POST", "/api/v1/tokens", m_admin, json{{"name", "laptop"}, {"role", "operator"}});
        QCOMPARE(r.status, 201u);
        const auto cs = ConnectionString::parse(r.body.at("connection_string").get<std::string>());
        QCOMPARE(cs.host, std::string("node.test"));
        QCOMPARE(cs.port, std::uint16_t{7443});
        QCOMPARE(cs.token, r.body.at("token").get<std::string>());
        // The secret is never shown again and never stored.
        auto got = call("GET", "/api/v1/tokens/" + id(r), m_admin);
        QVERIFY(!got.body.contains("token"));
        QVERIFY(!got.body.contains("sha256"));
        for (const auto& [file, content] : diskSnapshot()) {
            QVERIFY(content.find(cs.token) == std::string::npos);
        }
    }

    void rolesAreEnforced() {
        const auto viewer = token(TokenRole::Viewer, std::nullopt);
        const auto lockdown = token(TokenRole::Lockdown, std::nullopt);
        const auto operatorToken = token(TokenRole::Operator, std::nullopt);
        auto p = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        QCOMPARE(p.status, 201u);
        const std::string pid = id(p);
        const auto before = diskSnapshot();
        QCOMPARE(call("POST", "/api/v1/projects", viewer, json{{"name", "x"}}).status, 403u);
        QCOMPARE(call("PATCH", "/api/v1/projects/" + pid, viewer, json{{"name", "x"}}, "\"1\"").status, 403u);
        QCOMPARE(call("DELETE", "/api/v1/projects/" + pid, lockdown).status, 403u);
        QCOMPARE(call("POST", "/api/v1/tokens", operatorToken, json{{"name", "x"}, {"role", "viewer"}}).status, 403u);
        QCOMPARE(call("GET", "/api/v1/tokens", operatorToken).status, 403u);
        QCOMPARE(call("POST", "/api/v1/realms", operatorToken, json{{"name", "x"}}).status, 403u);
        const std::string settings = "/api/v1/projects/" + pid + "/proxy/settings";
        QCOMPARE(call("PATCH", settings, viewer, json{{"enable_proxy", false}}, "\"1\"").status, 403u);
        QCOMPARE(call("PATCH", settings, lockdown, json{{"enable_proxy", true}}, "\"1\"").status, 403u);
        QCOMPARE(call("PATCH", settings, lockdown, json{{"default", "allow"}}, "\"1\"").status, 403u);
        QCOMPARE(before, diskSnapshot());
        auto locked = call("PATCH", settings, lockdown, json{{"enable_proxy", false}}, "\"1\"");
        QCOMPARE(locked.status, 200u);
        QCOMPARE(locked.body.at("enable_proxy").get<bool>(), false);
        QCOMPARE(locked.etag, std::optional<std::uint64_t>(2));
        QCOMPARE(call("PATCH", settings, lockdown, json{{"enable_proxy", true}}, "\"2\"").status, 403u);
        QCOMPARE(call("PATCH", settings, operatorToken, json{{"enable_proxy", true}}, "\"2\"").status, 200u);
        QCOMPARE(call("GET", "/api/v1/projects/" + pid, viewer).status, 200u);
    }

    void realmsAreIsolated() {
        auto realm = call("POST", "/api/v1/realms", m_admin, json{{"name", "acme"}});
        QCOMPARE(realm.status, 201u);
        const std::string acme = id(realm);
        const auto acmeAdmin = token(TokenRole::Admin, acme);
        auto mine = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        auto theirs = call("POST", "/api/v1/projects", acmeAdmin, json{{"name", "shop"}});
        QCOMPARE(theirs.status, 201u);
        QCOMPARE(theirs.body.at("realm_id").get<std::string>(), acme);
        auto c = call("POST", "/api/v1/projects/" + id(mine) + "/containers", m_admin,
                      json{{"name", "web"}, {"template", "busybox"}});
        QCOMPARE(c.status, 201u);

        const auto unknown = call("GET", "/api/v1/projects/0123456789abcdef01234567", acmeAdmin);
        QCOMPARE(unknown.status, 404u);
        for (const std::string& path : std::vector<std::string>{
                 "/api/v1/projects/" + id(mine), "/api/v1/projects/NOT-AN-ID", "/api/v1/projects/" + id(mine) + "/containers",
              "/api/v1/containers/" + id(c), "/api/v1/containers/" + id(c) + "/programs",
              "/api/v1/containers/" + id(c) + "/proxy/settings", "/api/v1/realms/" + acme + "x"}) {
            const auto r = call("GET", path, acmeAdmin);
            QVERIFY2(r.status == 404u || r.status == 403u, path.c_str());
            if (r.status == 404u) {
                QCOMPARE(r.body, unknown.body);
            }
        }
        const auto before = diskSnapshot();
        QCOMPARE(call("DELETE", "/api/v1/containers/" + id(c), acmeAdmin).status, 404u);
        QCOMPARE(call("PATCH", "/api/v1/projects/" + id(mine), acmeAdmin, json{{"name", "x"}}, "\"1\"").status, 404u);
        QCOMPARE(before, diskSnapshot());
        auto list = call("GET", "/api/v1/projects", acmeAdmin);
        QCOMPARE(list.body.size(), std::size_t{1});
        QCOMPARE(call("GET", "/api/v1/projects", m_admin).body.size(), std::size_t{2});
        // Realm tokens cannot create tokens elsewhere nor above their role.
        QCOMPARE(call("POST", "/api/v1/tokens", acmeAdmin, json{{"name", "x"}, {"role", "viewer"}, {"realm_id", nullptr}})
                     .body.at("realm_id")
                     .get<std::string>(),
                 acme);
        QCOMPARE(call("DELETE", "/api/v1/realms/" + acme, m_admin).status, 409u);
    }

    void versionsNeedIfMatch() {
        auto p = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        const std::string path = "/api/v1/projects/" + id(p);
        QCOMPARE(p.etag, std::optional<std::uint64_t>(1));
        const auto before = diskSnapshot();
        auto r = call("PATCH", path, m_admin, json{{"name", "shop2"}});
        QCOMPARE(r.status, 428u);
        QCOMPARE(code(r), std::string("precondition_required"));
        QCOMPARE(call("PATCH", path, m_admin, json{{"name", "shop2"}}, "*").status, 428u);
        r = call("PATCH", path, m_admin, json{{"name", "shop2"}}, "\"7\"");
        QCOMPARE(r.status, 412u);
        QCOMPARE(r.body.at("error").at("current_version").get<int>(), 1);
        QCOMPARE(before, diskSnapshot());
        r = call("PATCH", path, m_admin, json{{"name", "shop2"}}, "\"1\"");
        QCOMPARE(r.status, 200u);
        QCOMPARE(r.body.at("version").get<int>(), 2);
        QCOMPARE(call("PATCH", path, m_admin, json{{"name", "shop3"}}, "\"1\"").status, 412u);
    }

    void badInputChangesNothing_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expectedCode");
        QTest::addColumn<QString>("field");
        const QString P = "/api/v1/projects/PID", C = "/api/v1/containers/CID";
        struct Row { const char* name; QString method, path, body; int status; QString code, field; };
        const Row rows[] = {
            {"project malformed", "POST", "/api/v1/projects", "{\"name\":", 400, "invalid_json", ""},
            {"project unknown field", "POST", "/api/v1/projects", R"({"name":"a","colour":1})", 400, "unknown_field", "colour"},
            {"project wrong type", "POST", "/api/v1/projects", R"({"name":5})", 400, "invalid_field", "name"},
            {"project missing", "POST", "/api/v1/projects", R"({})", 400, "missing_field", "name"},
            {"project array", "POST", "/api/v1/projects", R"([])", 400, "invalid_field", ""},
            {"project bad name", "POST", "/api/v1/projects", R"({"name":"Shop!"})", 422, "unprocessable", "name"},
            {"project taken", "POST", "/api/v1/projects", R"({"name":"shop"})", 409, "conflict", "name"},
            {"patch project unknown", "PATCH", P, R"({"nom":"x"})", 400, "unknown_field", "nom"},
            {"container malformed", "POST", P + "/containers", "nope", 400, "invalid_json", ""},
            {"container limits type", "POST", P + "/containers", R"({"name":"w","template":"busybox","limits":{"cpus":"2"}})", 400, "invalid_field", "limits.cpus"},
            {"container limits range", "POST", P + "/containers", R"({"name":"w","template":"busybox","limits":{"memory_mb":1}})", 422, "unprocessable", "limits.memory_mb"},
            {"container template", "POST", P + "/containers", R"({"name":"w","template":"../x"})", 422, "unprocessable", "template"},
            {"container taken", "POST", P + "/containers", R"({"name":"web","template":"busybox"})", 409, "conflict", "name"},
            {"patch container unknown", "PATCH", C, R"({"status":"running"})", 400, "unknown_field", "status"},
            {"programs port", "PUT", C + "/programs", R"({"programs":{"http":70000}})", 422, "unprocessable", "programs.http"},
            {"programs slug", "PUT", C + "/programs", R"({"programs":{"gopher":70}})", 422, "unprocessable", "programs.gopher"},
            {"programs type", "PUT", C + "/programs", R"({"programs":{"http":"80"}})", 400, "invalid_field", "programs.http"},
            {"settings type", "PATCH", C + "/proxy/settings", R"({"enable_proxy":"no"})", 400, "invalid_field", "enable_proxy"},
            {"settings unknown", "PATCH", P + "/proxy/settings", R"({"lock":true})", 400, "unknown_field", "lock"},
            {"node settings unknown", "PATCH", "/api/v1/node/proxy/settings", R"({"x":1})", 400, "unknown_field", "x"},
            {"permissions unknown", "PUT", P + "/proxy/permissions", R"({"groups":{},"permissions":{},"extra":1})", 400, "unknown_field", "extra"},
            {"permissions bad group", "PUT", C + "/proxy/permissions", R"({"groups":{"a b":{"type":"ip","cidrs":["10.0.0.0/8"]}},"permissions":{}})", 422, "unprocessable", "groups.a b"},
            {"alias unknown", "POST", "/api/v1/aliases", R"({"container_id":"CID","program":"http","x":1})", 400, "unknown_field", "x"},
            {"alias program", "POST", "/api/v1/aliases", R"({"container_id":"CID","program":"gopher"})", 422, "unprocessable", "program"},
            {"alias reserved", "POST", "/api/v1/aliases", R"({"alias":"api","container_id":"CID","program":"http"})", 422, "unprocessable", "alias"},
            {"alias past", "POST", "/api/v1/aliases", R"({"container_id":"CID","program":"http","expires_at":"2001-01-01T00:00:00Z"})", 422, "unprocessable", "expires_at"},
            {"alias container", "POST", "/api/v1/aliases", R"({"container_id":"0123456789abcdef01234567","program":"http"})", 422, "unprocessable", "container_id"},
            {"token role", "POST", "/api/v1/tokens", R"({"name":"x","role":"root"})", 400, "invalid_field", "role"},
            {"realm unknown", "POST", "/api/v1/realms", R"({"name":"x","id":"y"})", 400, "unknown_field", "id"},
            {"explain address", "POST", C + "/proxy/explain", R"({"program":"http","client_address":"nowhere"})", 422, "unprocessable", "client_address"},
            {"explain unknown", "POST", C + "/proxy/explain", R"({"program":"http","client_address":"::1","cookie":{}})", 400, "unknown_field", "cookie"},
        };
        for (const auto& row : rows) {
            QTest::newRow(row.name) << row.method << row.path << row.body << row.status << row.code << row.field;
        }
    }

    void badInputChangesNothing() {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(QString, expectedCode);
        QFETCH(QString, field);
        auto p = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        auto c = call("POST", "/api/v1/projects/" + id(p) + "/containers", m_admin,
                      json{{"name", "web"}, {"template", "busybox"}});
        QCOMPARE(c.status, 201u);
        auto expand = [&](QString s) {
            return s.replace("PID", QString::fromStdString(id(p))).replace("CID", QString::fromStdString(id(c))).toStdString();
        };
        const auto before = diskSnapshot();
        const bool versioned = method == "PATCH" || method == "PUT";
        const std::string target = expand(path);
        std::optional<std::string> ifMatch;
        if (versioned) {
            auto current = call("GET", target, m_admin);
            ifMatch = "\"" + std::to_string(current.status == 200 ? current.body.value("version", 0) : 0) + "\"";
        }
        const auto r = call(method.toStdString(), target, m_admin, std::optional<std::string>(expand(body)), ifMatch);
        QCOMPARE(int(r.status), status);
        QCOMPARE(QString::fromStdString(code(r)), expectedCode);
        QCOMPARE(QString::fromStdString(r.body.at("error").at("field").get<std::string>()), field);
        QVERIFY(!r.body.at("error").at("message").get<std::string>().empty());
        QCOMPARE(before, diskSnapshot());
    }

    void transportLevelErrors() {
        QCOMPARE(call("PUT", "/api/v1/projects", m_admin, json::object()).status, 405u);
        QCOMPARE(code(call("DELETE", "/api/v1/node", m_admin)), std::string("method_not_allowed"));
        QCOMPARE(call("GET", "/api/v1/projects/", m_admin).status, 404u);
        QCOMPARE(call("GET", "/api/v2/projects", m_admin).status, 404u);
        ApiRequest r;
        r.method = "POST";
        r.target = "/api/v1/projects";
        r.authorization = "Bearer " + m_admin;
        r.body = "name=shop";
        r.contentType = "application/x-www-form-urlencoded";
        auto a = m_api->handle(r);
        QCOMPARE(a.status, 415u);
        r.contentType = "application/json";
        r.body = "{\"name\":\"" + std::string(ControlApi::kMaxBody, 'a') + "\"}";
        a = m_api->handle(r);
        QCOMPARE(a.status, 413u);
        QCOMPARE(code(a), std::string("payload_too_large"));
        QVERIFY(m_store->list("projects").empty());
    }

    void deletionRules() {
        auto p = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        auto c = call("POST", "/api/v1/projects/" + id(p) + "/containers", m_admin,
                      json{{"name", "web"}, {"template", "busybox"}});
        auto a = call("POST", "/api/v1/aliases", m_admin, json{{"container_id", id(c)}, {"program", "http"}});
        QCOMPARE(a.status, 201u);
        QVERIFY(a.body.at("url").get<std::string>().ends_with(".node1.cowl.test"));
        QVERIFY(a.body.at("risk").contains("level"));
        QCOMPARE(call("DELETE", "/api/v1/projects/" + id(p), m_admin).status, 409u);
        auto refused = call("DELETE", "/api/v1/containers/" + id(c), m_admin);
        QCOMPARE(refused.status, 409u);
        QVERIFY(refused.body.at("error").at("message").get<std::string>().find(id(a)) != std::string::npos);
        QCOMPARE(call("DELETE", "/api/v1/containers/" + id(c) + "?delete_aliases=true", m_admin).status, 204u);
        QVERIFY(m_store->list("aliases").empty());
        QCOMPARE(call("DELETE", "/api/v1/projects/" + id(p), m_admin).status, 204u);
        QCOMPARE(call("GET", "/api/v1/projects/" + id(p), m_admin).status, 404u);
    }

    void permissionsKeepSecretsAndExplain() {
        auto p = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        auto c = call("POST", "/api/v1/projects/" + id(p) + "/containers", m_admin,
                      json{{"name", "web"}, {"template", "busybox"}});
        const std::string perms = "/api/v1/projects/" + id(p) + "/proxy/permissions";
        QCOMPARE(call("GET", perms, m_admin).status, 404u);
        const json doc = {{"groups", {{"ops", {{"type", "password"}, {"username", "ann"}, {"password", "correct horse"}}}}},
                          {"permissions", {{"ops", {{"http", true}}}}},
                          {"default", "deny"}};
        auto put = call("PUT", perms, m_admin, doc);
        QCOMPARE(put.status, 200u);
        QCOMPARE(call("PUT", perms, m_admin, doc).status, 428u);
        QVERIFY(put.body.dump().find("correct horse") == std::string::npos);
        QCOMPARE(put.body.at("groups").at("ops").at("password_set").get<bool>(), true);
        json without = doc;
        without["groups"]["ops"].erase("password");
        QCOMPARE(call("PUT", perms, m_admin, without, "\"1\"").status, 200u);
        const std::string explain = "/api/v1/containers/" + id(c) + "/proxy/explain";
        auto allowed = call("POST", explain, m_admin,
                            json{{"program", "http"},
                                 {"client_address", "2001:db8::1"},
                                 {"credentials", {{"basic", {{"username", "ann"}, {"password", "correct horse"}}}}}});
        QCOMPARE(allowed.status, 200u);
        QCOMPARE(allowed.body.at("decision").get<std::string>(), std::string("allow"));
        QCOMPARE(allowed.body.at("group").get<std::string>(), std::string("ops"));
        QCOMPARE(allowed.body.at("source").get<std::string>(), std::string("project"));
        auto denied = call("POST", explain, m_admin, json{{"program", "http"}, {"client_address", "2001:db8::1"}});
        QCOMPARE(denied.body.at("decision").get<std::string>(), std::string("deny"));
        QCOMPARE(denied.body.at("status").get<int>(), 401);
        auto effective = call("GET", "/api/v1/containers/" + id(c) + "/proxy/permissions/effective", m_admin);
        QCOMPARE(effective.body.at("source").get<std::string>(), std::string("project"));
        for (const auto& [file, content] : diskSnapshot()) {
            QVERIFY(content.find("correct horse") == std::string::npos);
        }
    }

    void eventsFollowTheStoreAndRespectRealms() {
        auto acme = id(call("POST", "/api/v1/realms", m_admin, json{{"name", "acme"}}));
        const auto acmeViewer = token(TokenRole::Viewer, acme);
        auto nodeSink = std::make_shared<CollectingSink>();
        auto acmeSink = std::make_shared<CollectingSink>();
        auto hello = m_api->events().subscribe(*m_api->authenticate("Bearer " + m_admin), nodeSink);
        QCOMPARE(json::parse(hello.hello).at("kind").get<std::string>(), std::string("hello"));
        m_api->events().subscribe(*m_api->authenticate("Bearer " + acmeViewer), acmeSink);
        auto p = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        // One event: the settings document born with the project is part of it.
        QCOMPARE(nodeSink->frames.size(), std::size_t{1});
        QVERIFY(acmeSink->frames.empty());
        const json e = nodeSink->frames.front();
        QCOMPARE(e.at("kind").get<std::string>(), std::string("created"));
        QCOMPARE(e.at("resource").get<std::string>(), std::string("project"));
        QCOMPARE(e.at("id").get<std::string>(), id(p));
        QCOMPARE(e.at("data"), p.body);
        const auto acmeAdmin = token(TokenRole::Admin, acme);
        call("POST", "/api/v1/projects", acmeAdmin, json{{"name", "blog"}});
        QCOMPARE(acmeSink->frames.size(), std::size_t{1});
        QCOMPARE(acmeSink->frames.front().at("resource").get<std::string>(), std::string("project"));
        QVERIFY(acmeSink->frames.front().at("seq").get<int>() > e.at("seq").get<int>());
        // Revoking the viewer's token closes its stream.
        for (const auto& t : m_store->list("tokens")) {
            if (t.body.value("realm_id", json()).is_string() && t.body.at("role") == "viewer") {
                QCOMPARE(call("DELETE", "/api/v1/tokens/" + t.key, m_admin).status, 204u);
            }
        }
        QVERIFY(acmeSink->closed);
        QVERIFY(!nodeSink->closed);
    }

    // Schedules need no runtime: documents with versions, ETags and events;
    // snapshots and actions say there is no runtime; the node still has facts.
    void schedulesAndSnapshotsWithoutRuntime() {
        auto sink = std::make_shared<CollectingSink>();
        m_api->events().subscribe(*m_api->authenticate("Bearer " + m_admin), sink);
        auto p = call("POST", "/api/v1/projects", m_admin, json{{"name", "shop"}});
        auto c = call("POST", "/api/v1/projects/" + id(p) + "/containers", m_admin,
                      json{{"name", "web"}, {"template", "busybox"}});
        const std::string own = "/api/v1/containers/" + id(c) + "/snapshots/schedule";
        const std::string project = "/api/v1/projects/" + id(p) + "/snapshots/schedule";
        QCOMPARE(code(call("GET", own, m_admin)), std::string("not_found"));
        const auto before = diskSnapshot();
        const auto zero = call("PUT", own, m_admin, json{{"retention", {{"hourly", 0}}}});
        QCOMPARE(zero.status, 422u);
        QCOMPARE(zero.body.at("error").at("field").get<std::string>(), std::string("retention.hourly"));
        QCOMPARE(call("PUT", own, m_admin, json{{"retention", {{"weekly", 1001}}}}).status, 422u);
        QCOMPARE(code(call("PUT", own, m_admin, json{{"retention", {{"yearly", 1}}}})), std::string("unknown_field"));
        QCOMPARE(code(call("PUT", own, m_admin, json::object())), std::string("missing_field"));
        QVERIFY(diskSnapshot() == before);

        auto put = call("PUT", own, m_admin, json{{"retention", {{"daily", 7}}}});
        QCOMPARE(put.status, 200u);
        QCOMPARE(put.etag, std::optional<std::uint64_t>(1));
        QCOMPARE(put.body, (json{{"enabled", true},
                                 {"retention", {{"hourly", 0}, {"daily", 7}, {"weekly", 0}, {"monthly", 0}}},
                                 {"prune_labelled", false},
                                 {"version", 1}}));
        QCOMPARE(call("PUT", own, m_admin, json{{"retention", {{"daily", 1}}}}).status, 428u);
        QCOMPARE(call("PUT", own, m_admin, json{{"retention", {{"daily", 1}}}}, "\"5\"").status, 412u);
        QCOMPARE(call("PUT", own, m_admin, json{{"retention", {{"daily", 1}}}, {"version", 1}}, "\"1\"").etag,
                 std::optional<std::uint64_t>(2));
        QCOMPARE(call("PUT", project, m_admin, json{{"retention", {{"hourly", 24}}}}).status, 200u);
        auto effective = call("GET", own + "/effective", m_admin);
        QCOMPARE(effective.body.at("source").get<std::string>(), std::string("container"));
        QVERIFY(effective.body.at("next_run").is_null()); // no runtime, no scheduler
        QCOMPARE(call("DELETE", own, m_admin).status, 428u);
        QCOMPARE(call("DELETE", own, m_admin, std::nullopt, "\"2\"").status, 204u);
        effective = call("GET", own + "/effective", m_admin);
        QCOMPARE(effective.body.at("source").get<std::string>(), std::string("project"));
        QCOMPARE(effective.body.at("schedule").at("retention").at("hourly").get<int>(), 24);

        std::vector<std::string> kinds;
        for (const auto& f : sink->frames) {
            if (f.at("resource") == "schedule") {
                kinds.push_back(f.at("kind").get<std::string>() + ":" + f.at("id").get<std::string>());
            }
        }
        const std::vector<std::string> expected = {"created:" + id(c), "updated:" + id(c), "created:" + id(p),
                                                   "deleted:" + id(c)};
        QCOMPARE(kinds, expected);

        QCOMPARE(call("GET", "/api/v1/containers/" + id(c) + "/snapshots", m_admin).body, json::array());
        QCOMPARE(code(call("POST", "/api/v1/containers/" + id(c) + "/snapshots", m_admin, json::object())),
                 std::string("conflict"));
        QCOMPARE(code(call("POST", "/api/v1/containers/" + id(c) + "/snapshots/snap-20260101-000000/restore", m_admin)),
                 std::string("conflict"));
        QCOMPARE(code(call("PUT", "/api/v1/containers/" + id(c) + "/snapshots/snap-20260101-000000", m_admin,
                           json::object())),
                 std::string("method_not_allowed"));
        QCOMPARE(code(call("POST", "/api/v1/containers/" + id(c) + "/start", m_admin)), std::string("conflict"));

        const auto node = call("GET", "/api/v1/node", m_admin);
        QCOMPARE(node.status, 200u);
        for (const char* key : {"name", "hostname", "kernel", "architecture", "cpu", "memory", "containers"}) {
            QVERIFY2(node.body.contains(key), key);
        }
        QCOMPARE(node.body.at("containers").at("total").get<int>(), 1);
        QCOMPARE(node.body.at("containers").at("stopped").get<int>(), 1);

        // Deleting the container removes its own schedule; the project's stays.
        QCOMPARE(call("PUT", own, m_admin, json{{"retention", {{"daily", 7}}}}).status, 200u);
        QCOMPARE(call("DELETE", "/api/v1/containers/" + id(c), m_admin).status, 204u);
        QVERIFY(!m_store->get("schedules_container", id(c)));
        QVERIFY(m_store->get("schedules_project", id(p)));
    }

    void damagedStoreRefusesToLoad() {
        std::filesystem::create_directories(storeDir() / "projects");
        std::ofstream(storeDir() / "projects" / "0123456789abcdef01234567.json") << "{\"version\":";
        DocumentStore again(storeDir());
        QVERIFY_THROWS_EXCEPTION(StoreError, again.load());
    }
};

QTEST_GUILESS_MAIN(ApiControlTest)
#include "ApiControlTest.moc"
