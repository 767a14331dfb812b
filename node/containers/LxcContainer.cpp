// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/LxcContainer.h"

#include <fstream>
#include <lxc/attach_options.h>
#include <lxc/lxccontainer.h>
#include <sys/wait.h>

#include "node/containers/RuntimeError.h"

namespace cowl::node {

LxcContainer::LxcContainer(const std::string& name, const std::filesystem::path& lxcPath)
    : m_name(name), m_lxcPath(lxcPath) {
    m_container = lxc_container_new(name.c_str(), lxcPath.c_str());
    if (!m_container) {
        throw RuntimeError(RuntimeError::Kind::Failed, "",
                           "container " + name + ": liblxc could not open it under " + lxcPath.string());
    }
}

LxcContainer::~LxcContainer() { lxc_container_put(m_container); }

bool LxcContainer::defined() const { return m_container->is_defined(m_container); }
bool LxcContainer::running() const { return m_container->is_running(m_container); }

std::string LxcContainer::state() const {
    const char* s = m_container->state(m_container);
    return s ? s : "UNKNOWN";
}

int LxcContainer::initPid() const { return m_container->init_pid(m_container); }

void LxcContainer::clearConfig() { m_container->clear_config(m_container); }

void LxcContainer::setConfigItem(const std::string& key, const std::string& value) {
    if (!m_container->set_config_item(m_container, key.c_str(), value.c_str())) {
        fail("set " + key + " = " + value);
    }
}

void LxcContainer::clearConfigItem(const std::string& key) {
    m_container->clear_config_item(m_container, key.c_str());
}

void LxcContainer::saveConfig() {
    if (!m_container->save_config(m_container, nullptr)) {
        fail("save config");
    }
}

void LxcContainer::setCgroupItem(const std::string& key, const std::string& value) {
    if (!m_container->set_cgroup_item(m_container, key.c_str(), value.c_str())) {
        fail("set cgroup " + key);
    }
}

void LxcContainer::create(const std::string& templateName, const std::string& storageType,
                          const std::vector<std::string>& templateArgs) {
    std::vector<char*> argv;
    for (const auto& arg : templateArgs) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    bdev_specs specs{};
    const char* t = templateName.empty() ? nullptr : templateName.c_str();
    if (!m_container->create(m_container, t, storageType.c_str(), &specs, LXC_CREATE_QUIET, argv.data())) {
        fail("create from template " + (templateName.empty() ? std::string("none") : templateName));
    }
}

void LxcContainer::start() {
    m_container->want_daemonize(m_container, true);
    m_container->want_close_all_fds(m_container, true);
    if (!m_container->start(m_container, 0, nullptr)) {
        fail("start");
    }
}

void LxcContainer::shutdown(int timeoutSeconds) {
    if (!m_container->shutdown(m_container, timeoutSeconds)) {
        kill();
    }
}

void LxcContainer::kill() {
    if (m_container->is_running(m_container) && !m_container->stop(m_container)) {
        fail("force-stop");
    }
}

void LxcContainer::destroy() {
    if (!m_container->destroy(m_container)) {
        fail("delete");
    }
}

int LxcContainer::attachRun(const std::vector<std::string>& argv) {
    std::vector<const char*> args;
    for (const auto& arg : argv) {
        args.push_back(arg.c_str());
    }
    args.push_back(nullptr);
    lxc_attach_options_t options = LXC_ATTACH_OPTIONS_DEFAULT;
    options.env_policy = LXC_ATTACH_CLEAR_ENV;
    const int status = m_container->attach_run_wait(m_container, &options, args[0], args.data());
    if (status < 0) {
        fail("run " + argv[0]);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void LxcContainer::fail(const std::string& operation) const {
    std::string detail;
    if (m_container->error_string && *m_container->error_string) {
        detail = m_container->error_string;
    } else {
        // liblxc often only logs: the last ERROR lines of the container's log say why.
        std::ifstream log(m_lxcPath / m_name / "lxc.log");
        std::string line;
        std::vector<std::string> errors;
        while (std::getline(log, line)) {
            if (line.find(" ERROR ") != std::string::npos) {
                const auto dash = line.find(" - ", line.find(" ERROR "));
                errors.push_back(dash == std::string::npos ? line : line.substr(dash + 3));
            }
        }
        for (std::size_t i = errors.size() > 3 ? errors.size() - 3 : 0; i < errors.size(); ++i) {
            detail += (detail.empty() ? "" : "; ") + errors[i];
        }
    }
    throw RuntimeError(RuntimeError::Kind::Failed, "",
                       "container " + m_name + ": " + operation + " failed" +
                           (detail.empty() ? std::string(" (see ") + (m_lxcPath / m_name / "lxc.log").string() + ")"
                                           : ": " + detail));
}

} // namespace cowl::node
