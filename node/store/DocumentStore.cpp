// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/store/DocumentStore.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

namespace cowl::node {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSuffix = ".json";
constexpr std::string_view kTempMarker = ".tmp-";

std::string errnoText() {
    return std::strerror(errno);
}

// Closes a POSIX descriptor on every path out.
class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    int release() {
        int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

void fsyncDirectory(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
        throw StoreError("cannot sync directory " + dir.string() + ": " + errnoText() +
                         "; check the disk and the permissions of the state directory");
    }
}

std::string randomSuffix() {
    unsigned char bytes[6];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        throw StoreError("the OS random number generator failed while naming a temporary file");
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0f]);
    }
    return out;
}

// write temp, fsync, rename over the target, fsync the directory: after this
// returns the new content survives a crash, and a crash at any point before
// leaves either the old file or the new one, never a torn one.
void writeDurably(const fs::path& target, const std::string& content) {
    const fs::path temp = target.parent_path() /
                          (target.filename().string() + std::string(kTempMarker) + randomSuffix());
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
        throw StoreError("cannot create " + temp.string() + ": " + errnoText() +
                         "; check free space and the permissions of the state directory");
    }
    auto fail = [&](const std::string& what) {
        const std::string reason = errnoText();
        ::unlink(temp.c_str());
        throw StoreError("cannot " + what + " " + temp.string() + ": " + reason +
                         "; check free space and the disk");
    };
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd.get(), content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) {
        fail("sync");
    }
    if (::close(fd.release()) != 0) {
        fail("close");
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        fail("rename into place");
    }
    fsyncDirectory(target.parent_path());
}

void checkName(std::string_view what, std::string_view name) {
    if (!DocumentStore::isValidName(name)) {
        throw std::invalid_argument("document store: invalid " + std::string(what) + " name '" +
                                    std::string(name) + "'");
    }
}

void checkExpected(std::optional<std::uint64_t> expected, std::uint64_t current) {
    if (expected && *expected != current) {
        throw VersionConflict(current);
    }
}

} // namespace

DocumentStore::DocumentStore(fs::path dir) : m_dir(std::move(dir)) {}

bool DocumentStore::isValidName(std::string_view name) {
    if (name.empty() || name.size() > 128) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

fs::path DocumentStore::fileFor(std::string_view collection, std::string_view key) const {
    return m_dir / std::string(collection) / (std::string(key) + std::string(kSuffix));
}

void DocumentStore::load() {
    std::error_code ec;
    if (!fs::exists(m_dir, ec)) {
        fs::create_directories(m_dir, ec);
        if (ec) {
            throw StoreError("cannot create the state directory " + m_dir.string() + ": " + ec.message() +
                             "; create it (mode 0700) or pass another --state-dir");
        }
        ::chmod(m_dir.c_str(), 0700);
    }
    if (!fs::is_directory(m_dir, ec)) {
        throw StoreError("the state directory " + m_dir.string() +
                         " is not a directory; move that file away or pass another --state-dir");
    }
    std::unique_lock cacheLock(m_cacheMutex);
    m_cache.clear();
    cacheLock.unlock();
    try {
        for (const auto& entry : fs::directory_iterator(m_dir)) {
            if (!entry.is_directory()) {
                continue;
            }
            loadCollection(entry.path());
        }
    } catch (const fs::filesystem_error& e) {
        throw StoreError("cannot read the state directory " + m_dir.string() + ": " + e.what() +
                         "; check its permissions");
    }
}

void DocumentStore::loadCollection(const fs::path& collectionDir) {
    const std::string collection = collectionDir.filename().string();
    if (!isValidName(collection)) {
        return;
    }
    Collection loaded;
    for (const auto& entry : fs::directory_iterator(collectionDir)) {
        const std::string name = entry.path().filename().string();
        if (name.find(kTempMarker) != std::string::npos) {
            // A write that crashed before its rename: it was never acknowledged.
            std::error_code ignored;
            fs::remove(entry.path(), ignored);
            continue;
        }
        if (!entry.is_regular_file() || !name.ends_with(kSuffix)) {
            continue;
        }
        const std::string key = name.substr(0, name.size() - kSuffix.size());
        const std::string where = entry.path().string();
        const std::string remedy = "; restore it from a backup or move it out of " + collectionDir.string() +
                                   " and start again";
        if (!isValidName(key)) {
            throw StoreError("document file " + where + " has a name the store never writes" + remedy);
        }
        std::ifstream in(entry.path(), std::ios::binary);
        if (!in) {
            throw StoreError("cannot open document file " + where + ": " + errnoText() +
                             "; check its permissions");
        }
        std::ostringstream text;
        text << in.rdbuf();
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(text.str());
        } catch (const nlohmann::json::parse_error& e) {
            throw StoreError("document file " + where + " is damaged (not valid JSON: " + e.what() + ")" +
                             remedy);
        }
        if (!doc.is_object() || !doc.contains("version") || !doc.contains("body")) {
            throw StoreError("document file " + where +
                             " is damaged (expected an object with \"version\" and \"body\")" + remedy);
        }
        const auto& version = doc.at("version");
        if (!version.is_number_unsigned() || version.get<std::uint64_t>() == 0) {
            throw StoreError("document file " + where +
                             " is damaged (\"version\" must be a positive integer)" + remedy);
        }
        loaded.emplace(key, StoredDocument{key, version.get<std::uint64_t>(), doc.at("body")});
    }
    std::unique_lock lock(m_cacheMutex);
    m_cache[collection] = std::move(loaded);
}

std::optional<StoredDocument> DocumentStore::get(std::string_view collection, std::string_view key) const {
    std::shared_lock lock(m_cacheMutex);
    auto c = m_cache.find(collection);
    if (c == m_cache.end()) {
        return std::nullopt;
    }
    auto d = c->second.find(key);
    if (d == c->second.end()) {
        return std::nullopt;
    }
    return d->second;
}

std::vector<StoredDocument> DocumentStore::list(std::string_view collection) const {
    std::shared_lock lock(m_cacheMutex);
    std::vector<StoredDocument> out;
    auto c = m_cache.find(collection);
    if (c != m_cache.end()) {
        out.reserve(c->second.size());
        for (const auto& [key, doc] : c->second) {
            out.push_back(doc);
        }
    }
    return out;
}

void DocumentStore::ensureCollectionDir(std::string_view collection) {
    const fs::path dir = m_dir / std::string(collection);
    if (::mkdir(dir.c_str(), 0700) == 0) {
        fsyncDirectory(m_dir);
    } else if (errno != EEXIST) {
        throw StoreError("cannot create " + dir.string() + ": " + errnoText() +
                         "; check free space and the permissions of the state directory");
    }
}

StoredDocument DocumentStore::put(std::string_view collection, std::string_view key, nlohmann::json body,
                                  std::optional<std::uint64_t> expectedVersion) {
    checkName("collection", collection);
    checkName("key", key);
    std::lock_guard writeLock(m_writeMutex);
    std::optional<StoredDocument> previous = get(collection, key);
    checkExpected(expectedVersion, previous ? previous->version : 0);

    StoredDocument next{std::string(key), previous ? previous->version + 1 : 1, std::move(body)};
    const nlohmann::json onDisk = {{"version", next.version}, {"body", next.body}};
    ensureCollectionDir(collection);
    writeDurably(fileFor(collection, key), onDisk.dump());
    {
        std::unique_lock lock(m_cacheMutex);
        auto& c = m_cache[std::string(collection)];
        c.insert_or_assign(std::string(key), next);
    }
    notify(StoreChange{std::string(collection), std::string(key), next, std::move(previous)});
    return next;
}

bool DocumentStore::remove(std::string_view collection, std::string_view key,
                           std::optional<std::uint64_t> expectedVersion) {
    checkName("collection", collection);
    checkName("key", key);
    std::lock_guard writeLock(m_writeMutex);
    std::optional<StoredDocument> previous = get(collection, key);
    checkExpected(expectedVersion, previous ? previous->version : 0);
    if (!previous) {
        return false;
    }
    const fs::path file = fileFor(collection, key);
    if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
        throw StoreError("cannot remove " + file.string() + ": " + errnoText() +
                         "; check the permissions of the state directory");
    }
    fsyncDirectory(file.parent_path());
    {
        std::unique_lock lock(m_cacheMutex);
        auto c = m_cache.find(collection);
        if (c != m_cache.end()) {
            auto d = c->second.find(key);
            if (d != c->second.end()) {
                c->second.erase(d);
            }
        }
    }
    notify(StoreChange{std::string(collection), std::string(key), std::nullopt, std::move(previous)});
    return true;
}

void DocumentStore::subscribe(Observer observer) {
    std::lock_guard writeLock(m_writeMutex);
    m_observers.push_back(std::move(observer));
}

void DocumentStore::notify(const StoreChange& change) {
    for (const auto& observer : m_observers) {
        // The change is already durable; an observer's failure must not turn it
        // into an error the caller would retry.
        try {
            observer(change);
        } catch (...) {
        }
    }
}

} // namespace cowl::node
