// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace cowl::ui {

class NodeSession;

// Lockdown and unlock of a container, a project or the node (SPEC §4, §10):
// one click, one confirmation that says what happens, then the switch on the
// node. The same words wherever the button is.
class LockdownPrompt {
    Q_DECLARE_TR_FUNCTIONS(LockdownPrompt)
public:
    // Asks (through MessageBox, the test seam), then sends the switch. Returns
    // false when the user cancelled: nothing was sent.
    static bool toggle(QWidget* parent, NodeSession* session, const std::string& ownerId);

    // The confirmation for the owner's current state: lock down when it is
    // open, unlock when it is locked.
    struct Question {
        bool lock = true;
        QString title;
        QString text;
    };
    static Question question(const NodeSession* session, const std::string& ownerId);

    // The button's text for the owner's current state.
    static QString buttonText(const NodeSession* session, const std::string& ownerId);
};

} // namespace cowl::ui
