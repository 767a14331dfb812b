// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

struct lxc_container;

namespace cowl::node {

// RAII over one liblxc handle (lxc_container_new / lxc_container_put). Used
// only inside the single-threaded helper process: liblxc forks. Every failing
// call throws RuntimeError(Failed) naming the container and the operation,
// with the container's own LXC log lines when liblxc gives no error string.
class LxcContainer {
public:
    LxcContainer(const std::string& name, const std::filesystem::path& lxcPath);
    ~LxcContainer();
    LxcContainer(const LxcContainer&) = delete;
    LxcContainer& operator=(const LxcContainer&) = delete;

    bool defined() const;
    bool running() const;
    std::string state() const; // liblxc's: "STOPPED", "RUNNING", ...
    int initPid() const;

    void clearConfig();
    void setConfigItem(const std::string& key, const std::string& value);
    void clearConfigItem(const std::string& key);
    void saveConfig();
    void setCgroupItem(const std::string& key, const std::string& value);

    // template empty = no template (an empty rootfs the caller fills).
    void create(const std::string& templateName, const std::string& storageType,
                const std::vector<std::string>& templateArgs);
    void start();
    void shutdown(int timeoutSeconds); // clean stop, then kill at the deadline
    void kill();
    void destroy();
    // Runs argv in the container (all its namespaces) and returns its exit status.
    int attachRun(const std::vector<std::string>& argv);

private:
    [[noreturn]] void fail(const std::string& operation) const;

    lxc_container* m_container = nullptr;
    std::string m_name;
    std::filesystem::path m_lxcPath;
};

} // namespace cowl::node
