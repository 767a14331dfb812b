// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/ContainerSpec.h"

#include <cmath>

#include "node/containers/RuntimeError.h"

namespace cowl::node {

namespace {

bool isDnsLabel(std::string_view text) {
    if (text.empty() || text.size() > 63 || text.front() == '-' || text.back() == '-') {
        return false;
    }
    for (char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

bool isDebianRelease(std::string_view text) {
    if (text.empty() || text.size() > 32) {
        return false;
    }
    for (char c : text) {
        if (!(c >= 'a' && c <= 'z')) {
            return false;
        }
    }
    return true;
}

} // namespace

ContainerTemplate ContainerTemplate::parse(std::string_view text) {
    ContainerTemplate t;
    if (text == "busybox") {
        t.kind = Kind::Busybox;
        return t;
    }
    if (text == "debian" || text.starts_with("debian:")) {
        t.kind = Kind::Debian;
        if (text != "debian") {
            const std::string_view release = text.substr(7);
            if (!isDebianRelease(release)) {
                throw RuntimeError(RuntimeError::Kind::InvalidInput, "template",
                                   "\"" + std::string(release) +
                                       "\" is not a Debian release name; use e.g. \"debian:bookworm\"");
            }
            t.debianRelease = release;
        }
        return t;
    }
    if (text.starts_with("tarball:")) {
        t.kind = Kind::Tarball;
        t.tarball = std::filesystem::path(text.substr(8));
        std::error_code ec;
        if (!t.tarball.is_absolute() || !std::filesystem::is_regular_file(t.tarball, ec)) {
            throw RuntimeError(RuntimeError::Kind::InvalidInput, "template",
                               "the rootfs tarball \"" + t.tarball.string() +
                                   "\" is not a readable file on the node; give an absolute path to a .tar, .tar.gz or .tar.xz");
        }
        return t;
    }
    throw RuntimeError(RuntimeError::Kind::InvalidInput, "template",
                       "unknown template \"" + std::string(text) +
                           "\"; use \"busybox\", \"debian\" (or \"debian:RELEASE\") or \"tarball:/path/to/rootfs.tar.gz\"");
}

std::string ContainerTemplate::str() const {
    switch (kind) {
    case Kind::Busybox:
        return "busybox";
    case Kind::Debian:
        return debianRelease == "bookworm" ? "debian" : "debian:" + debianRelease;
    case Kind::Tarball:
        return "tarball:" + tarball.string();
    }
    return "busybox";
}

void ContainerLimits::validate() const {
    if (memoryMb < kMinMemoryMb || memoryMb > kMaxMemoryMb) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "limits.memory_mb",
                           "memory limit " + std::to_string(memoryMb) + " MiB is out of range; use " +
                               std::to_string(kMinMemoryMb) + " to " + std::to_string(kMaxMemoryMb) + " MiB");
    }
    if (!std::isfinite(cpus) || cpus < kMinCpus || cpus > kMaxCpus) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "limits.cpus",
                           "CPU limit is out of range; use 0.01 to 1024 CPUs (1.5 = one and a half cores)");
    }
}

void CreateSpec::validate() const {
    if (!isDnsLabel(hostname)) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "name",
                           "\"" + hostname +
                               "\" is not a valid container name; use 1 to 63 of a-z, 0-9 and '-', not starting or ending with '-'");
    }
    limits.validate();
}

std::string_view toString(ContainerState state) {
    switch (state) {
    case ContainerState::Creating:
        return "creating";
    case ContainerState::Running:
        return "running";
    case ContainerState::Stopped:
        return "stopped";
    case ContainerState::Failed:
        return "failed";
    case ContainerState::Deleting:
        return "deleting";
    }
    return "failed";
}

} // namespace cowl::node
