// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/config/AtomicFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <stdexcept>
#include <unistd.h>

namespace cowl::node {

namespace {

[[noreturn]] void failWithErrno(const std::string& what, const std::filesystem::path& path) {
    throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

} // namespace

void writeFileAtomically(const std::filesystem::path& path, std::string_view content, mode_t mode) {
    const std::filesystem::path temp = path.string() + ".tmp";
    ::unlink(temp.c_str());
    FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0)
        failWithErrno("cannot create", temp);
    // The umask may have narrowed the mode; keys must be exactly 0600, certificates readable.
    if (::fchmod(fd.get(), mode) != 0)
        failWithErrno("cannot set the mode of", temp);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd.get(), content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failWithErrno("cannot write", temp);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0)
        failWithErrno("cannot fsync", temp);
    if (::close(fd.release()) != 0)
        failWithErrno("cannot close", temp);
    if (::rename(temp.c_str(), path.c_str()) != 0)
        failWithErrno("cannot rename into place", path);
    const auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    FileDescriptor dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirFd.get() < 0 || ::fsync(dirFd.get()) != 0)
        failWithErrno("cannot fsync directory", dir);
}

std::string readWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        failWithErrno("cannot read", path);
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad())
        failWithErrno("cannot read", path);
    return out.str();
}

} // namespace cowl::node
