<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AddNodeDialog</name>
    <message>
        <source>Add node</source>
        <translation>Node hinzufügen</translation>
    </message>
    <message>
        <source>Paste the connection string that &lt;tt&gt;cowl-node init&lt;/tt&gt; or &lt;tt&gt;cowl-node token create&lt;/tt&gt; printed. It starts with &lt;tt&gt;cowl://&lt;/tt&gt;.</source>
        <translation>Fügen Sie die Verbindungszeichenkette ein, die &lt;tt&gt;cowl-node init&lt;/tt&gt; oder &lt;tt&gt;cowl-node token create&lt;/tt&gt; ausgegeben hat. Sie beginnt mit &lt;tt&gt;cowl://&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>cowl://HOST:PORT/?fingerprint=…&amp;token=cowl_…</source>
        <translation>cowl://HOST:PORT/?fingerprint=…&amp;token=cowl_…</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Fingerabdruck:</translation>
    </message>
    <message>
        <source>Compare the fingerprint with the one the node printed. Cowl pins it: if the node ever presents another certificate, Cowl refuses to connect.</source>
        <translation>Vergleichen Sie den Fingerabdruck mit dem, den der Node ausgegeben hat. Cowl merkt ihn sich fest: Legt der Node jemals ein anderes Zertifikat vor, verweigert Cowl die Verbindung.</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>%1 (field: %2)</source>
        <translation>%1 (Feld: %2)</translation>
    </message>
</context>
<context>
    <name>ContainerStatusText</name>
    <message>
        <source>Creating</source>
        <translation>Wird erstellt</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>Wird gelöscht</translation>
    </message>
</context>
<context>
    <name>CreateProjectDialog</name>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>shop</source>
        <translation>shop</translation>
    </message>
    <message>
        <source>&amp;Realm:</source>
        <translation>&amp;Realm:</translation>
    </message>
    <message>
        <source>1–63 characters: lowercase letters, digits and hyphens.</source>
        <translation>1–63 Zeichen: Kleinbuchstaben, Ziffern und Bindestriche.</translation>
    </message>
</context>
<context>
    <name>FleetView</name>
    <message>
        <source>&lt;b&gt;Fleet&lt;/b&gt;</source>
        <translation>&lt;b&gt;Flotte&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodes</translation>
    </message>
    <message>
        <source>No nodes yet. Add one with its connection string.</source>
        <translation>Noch keine Nodes. Fügen Sie einen mit seiner Verbindungszeichenkette hinzu.</translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation>Node &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cowl</source>
        <translation>Cowl</translation>
    </message>
    <message>
        <source>Insecure token storage is on (--insecure-token-storage): when the OS keychain is not available, node tokens are kept in a plain file. Anyone who can read your files can control these nodes.</source>
        <translation>Unsichere Token-Ablage ist eingeschaltet (--insecure-token-storage): Ist der Schlüsselbund des Systems nicht verfügbar, werden Node-Tokens in einer einfachen Datei abgelegt. Wer Ihre Dateien lesen kann, kann diese Nodes steuern.</translation>
    </message>
    <message>
        <source>&amp;Fleet</source>
        <translation>&amp;Flotte</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Node</translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation>Node &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Remove node…</source>
        <translation>Node &amp;entfernen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>&amp;Delete project…</source>
        <translation>Projekt &amp;löschen…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
</context>
<context>
    <name>NodeView</name>
    <message>
        <source>Realms, projects and containers</source>
        <translation>Realms, Projekte und Container</translation>
    </message>
    <message>
        <source>URLs</source>
        <translation>URLs</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>&amp;Delete project…</source>
        <translation>Projekt &amp;löschen…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
</context>
<context>
    <name>cowl::ui::AddNodeDialog</name>
    <message>
        <source>&lt;b&gt;Insecure token storage is on:&lt;/b&gt; if the OS keychain is not available, the token is written to a plain file that anyone with access to your account can read.</source>
        <translation>&lt;b&gt;Unsichere Token-Ablage ist eingeschaltet:&lt;/b&gt; Ist der Schlüsselbund des Systems nicht verfügbar, wird das Token in eine einfache Datei geschrieben, die jeder mit Zugriff auf Ihr Konto lesen kann.</translation>
    </message>
    <message>
        <source>The token goes to your OS keychain, never to a plain file.</source>
        <translation>Das Token kommt in den Schlüsselbund Ihres Systems, nie in eine einfache Datei.</translation>
    </message>
    <message>
        <source>This is not a valid connection string: %1. Copy the whole line the node printed.</source>
        <translation>Das ist keine gültige Verbindungszeichenkette: %1. Kopieren Sie die ganze Zeile, die der Node ausgegeben hat.</translation>
    </message>
</context>
<context>
    <name>cowl::ui::ApiClient</name>
    <message>
        <source>The node at %1 presented a different certificate than the one pinned for it.

Pinned:    %2
Presented: %3

Someone may be intercepting the connection. Cowl did not send your token and will not connect. If you reinstalled this node on purpose, remove it from the fleet and add it again with its new connection string.</source>
        <translation>Der Node unter %1 hat ein anderes Zertifikat vorgelegt als das für ihn festgelegte.

Festgelegt: %2
Vorgelegt:  %3

Möglicherweise fängt jemand die Verbindung ab. Cowl hat Ihr Token nicht gesendet und verbindet sich nicht. Wenn Sie diesen Node absichtlich neu installiert haben, entfernen Sie ihn aus der Flotte und fügen Sie ihn mit seiner neuen Verbindungszeichenkette wieder hinzu.</translation>
    </message>
    <message>
        <source>(no certificate)</source>
        <translation>(kein Zertifikat)</translation>
    </message>
    <message>
        <source>Could not reach the node at %1: %2. Check that cowl-node is running there and that the address and port are right.</source>
        <translation>Der Node unter %1 ist nicht erreichbar: %2. Prüfen Sie, ob cowl-node dort läuft und ob Adresse und Port stimmen.</translation>
    </message>
    <message>
        <source>The node at %1 sent an answer that is not JSON. Check that the address points at a cowl-node control port.</source>
        <translation>Der Node unter %1 hat mit etwas geantwortet, das kein JSON ist. Prüfen Sie, ob die Adresse auf einen Steuerungsport von cowl-node zeigt.</translation>
    </message>
    <message>
        <source>The node at %1 answered HTTP %2 without an error message.</source>
        <translation>Der Node unter %1 hat mit HTTP %2 ohne Fehlermeldung geantwortet.</translation>
    </message>
</context>
<context>
    <name>cowl::ui::EventStream</name>
    <message>
        <source>The node closed the event stream.</source>
        <translation>Der Node hat den Ereignisstrom geschlossen.</translation>
    </message>
</context>
<context>
    <name>cowl::ui::Fleet</name>
    <message>
        <source>No token for this node in the keychain. Remove the node and add it again with a connection string (cowl-node token create prints one).</source>
        <translation>Für diesen Node liegt kein Token im Schlüsselbund. Entfernen Sie den Node und fügen Sie ihn mit einer Verbindungszeichenkette wieder hinzu (cowl-node token create gibt eine aus).</translation>
    </message>
    <message>
        <source>The node at %1 is already in your fleet with another certificate fingerprint.

Pinned: %2
New:    %3

Cowl does not replace a pinned fingerprint on its own. If you reinstalled that node, remove it from the fleet first, then add it again with this connection string.</source>
        <translation>Der Node unter %1 ist bereits mit einem anderen Zertifikats-Fingerabdruck in Ihrer Flotte.

Festgelegt: %2
Neu:        %3

Cowl ersetzt einen festgelegten Fingerabdruck nicht von selbst. Wenn Sie diesen Node neu installiert haben, entfernen Sie ihn zuerst aus der Flotte und fügen Sie ihn dann mit dieser Verbindungszeichenkette wieder hinzu.</translation>
    </message>
</context>
<context>
    <name>cowl::ui::FleetModel</name>
    <message>
        <source>%1
Fingerprint: %2</source>
        <translation>%1
Fingerabdruck: %2</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>cowl::ui::MainWindow</name>
    <message>
        <source>Certificate changed — connection blocked</source>
        <translation>Zertifikat geändert – Verbindung blockiert</translation>
    </message>
    <message>
        <source>%1: connected</source>
        <translation>%1: verbunden</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) in the fleet</source>
        <translation>
            <numerusform>%n Node in der Flotte</numerusform>
            <numerusform>%n Nodes in der Flotte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connected</source>
        <translation>
            <numerusform>%n verbunden</numerusform>
            <numerusform>%n verbunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Node not added</source>
        <translation>Node nicht hinzugefügt</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Node entfernen</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the fleet?

Its token is deleted from the keychain; the node itself keeps running. To add it again you need a connection string.</source>
        <translation>%1 (%2) aus der Flotte entfernen?

Sein Token wird aus dem Schlüsselbund gelöscht; der Node selbst läuft weiter. Um ihn wieder hinzuzufügen, brauchen Sie eine Verbindungszeichenkette.</translation>
    </message>
</context>
<context>
    <name>cowl::ui::NodeSession</name>
    <message>
        <source>The node at %1 sent an answer this console does not understand (%2). Update cowl and cowl-node to the same version.</source>
        <translation>Der Node unter %1 hat eine Antwort gesendet, die diese Konsole nicht versteht (%2). Bringen Sie cowl und cowl-node auf dieselbe Version.</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connected (live updates paused)</source>
        <translation>Verbunden (Live-Aktualisierung unterbrochen)</translation>
    </message>
    <message>
        <source>Blocked: certificate changed</source>
        <translation>Blockiert: Zertifikat geändert</translation>
    </message>
</context>
<context>
    <name>cowl::ui::NodeTreeModel</name>
    <message numerus="yes">
        <source>realm, %n project(s)</source>
        <translation>
            <numerusform>Realm, %n Projekt</numerusform>
            <numerusform>Realm, %n Projekte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>project, %n container(s)</source>
        <translation>
            <numerusform>Projekt, %n Container</numerusform>
            <numerusform>Projekt, %n Container</numerusform>
        </translation>
    </message>
    <message>
        <source>Project id %1</source>
        <translation>Projekt-ID %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n URL(s)</source>
        <translation>
            <numerusform>%1, %n URL</numerusform>
            <numerusform>%1, %n URLs</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>cowl::ui::NodeView</name>
    <message>
        <source>No node selected</source>
        <translation>Kein Node ausgewählt</translation>
    </message>
    <message>
        <source>Add a node with its connection string, or pick one from the fleet.</source>
        <translation>Fügen Sie einen Node mit seiner Verbindungszeichenkette hinzu oder wählen Sie einen aus der Flotte.</translation>
    </message>
    <message>
        <source>Address %1</source>
        <translation>Adresse %1</translation>
    </message>
    <message>
        <source>domain %1</source>
        <translation>Domain %1</translation>
    </message>
    <message>
        <source>cowl-node %1</source>
        <translation>cowl-node %1</translation>
    </message>
    <message>
        <source>kernel %1</source>
        <translation>Kernel %1</translation>
    </message>
    <message>
        <source>Pinned fingerprint %1</source>
        <translation>Festgelegter Fingerabdruck %1</translation>
    </message>
    <message>
        <source>Live updates are paused: the event stream is reconnecting. What you see may be out of date.</source>
        <translation>Live-Aktualisierung unterbrochen: Der Ereignisstrom verbindet sich neu. Was Sie sehen, ist möglicherweise veraltet.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s), </source>
        <translation>
            <numerusform>%n Projekt, </numerusform>
            <numerusform>%n Projekte, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n container(s). Select one to see its details.</source>
        <translation>
            <numerusform>%n Container. Wählen Sie einen aus, um seine Details zu sehen.</numerusform>
            <numerusform>%n Container. Wählen Sie einen aus, um seine Details zu sehen.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Container %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Container %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>Vorlage: %1</translation>
    </message>
    <message>
        <source>Limits: %1 MiB memory, %2 CPUs</source>
        <translation>Grenzen: %1 MiB Speicher, %2 CPUs</translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Project %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Projekt %1&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n container(s)</source>
        <translation>
            <numerusform>%n Container</numerusform>
            <numerusform>%n Container</numerusform>
        </translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Realm %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Realm %1&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n Projekt</numerusform>
            <numerusform>%n Projekte</numerusform>
        </translation>
    </message>
    <message>
        <source>No URLs: this container publishes no programs yet.</source>
        <translation>Keine URLs: Dieser Container veröffentlicht noch keine Programme.</translation>
    </message>
    <message>
        <source>%1 (risk: %2)</source>
        <translation>%1 (Risiko: %2)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>%1 in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Delete project</source>
        <translation>Projekt löschen</translation>
    </message>
    <message>
        <source>Delete the project “%1” on %2?

The node refuses while the project still has containers.</source>
        <translation>Das Projekt „%1“ auf %2 löschen?

Der Node lehnt ab, solange das Projekt noch Container hat.</translation>
    </message>
    <message>
        <source>Project not deleted</source>
        <translation>Projekt nicht gelöscht</translation>
    </message>
    <message>
        <source>The node did not delete “%1”: %2</source>
        <translation>Der Node hat „%1“ nicht gelöscht: %2</translation>
    </message>
</context>
<context>
    <name>cowl::ui::ScreenshotRenderer</name>
    <message>
        <source>Could not write %1. Check that the directory exists and is writable.</source>
        <translation>%1 konnte nicht geschrieben werden. Prüfen Sie, ob das Verzeichnis existiert und beschreibbar ist.</translation>
    </message>
</context>
<context>
    <name>cowl::ui::TokenStore</name>
    <message>
        <source>The OS keychain did not answer: %1. Unlock or start your keychain (GNOME Keyring, KWallet) and try again, or start cowl with --insecure-token-storage to keep tokens in a plain file.</source>
        <translation>Der Schlüsselbund des Systems hat nicht geantwortet: %1. Entsperren oder starten Sie Ihren Schlüsselbund (GNOME Keyring, KWallet) und versuchen Sie es erneut, oder starten Sie cowl mit --insecure-token-storage, um Tokens in einer einfachen Datei abzulegen.</translation>
    </message>
    <message>
        <source>Could not write the token file %1. Check its permissions.</source>
        <translation>Die Token-Datei %1 konnte nicht geschrieben werden. Prüfen Sie ihre Zugriffsrechte.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cowl console: your nodes, their projects and containers.</source>
        <translation>Cowl-Konsole: Ihre Nodes, ihre Projekte und Container.</translation>
    </message>
    <message>
        <source>Add the node of this connection string (pin its certificate, keep its token in the keychain) and show it.</source>
        <translation>Den Node dieser Verbindungszeichenkette hinzufügen (Zertifikat festlegen, Token im Schlüsselbund ablegen) und anzeigen.</translation>
    </message>
    <message>
        <source>When no OS keychain is available, keep tokens in a plain file instead of failing.</source>
        <translation>Ist kein Schlüsselbund des Systems verfügbar, Tokens in einer einfachen Datei ablegen, statt abzubrechen.</translation>
    </message>
    <message>
        <source>Save the main window and dialogs as PNG files into DIR once the nodes have answered, then quit.</source>
        <translation>Hauptfenster und Dialoge als PNG-Dateien in DIR speichern, sobald die Nodes geantwortet haben, dann beenden.</translation>
    </message>
    <message>
        <source>Log level: trace, debug, info, warn, error.</source>
        <translation>Protokollstufe: trace, debug, info, warn, error.</translation>
    </message>
    <message>
        <source>--connect: this is not a valid connection string: %1. Copy the whole line cowl-node printed.</source>
        <translation>--connect: Das ist keine gültige Verbindungszeichenkette: %1. Kopieren Sie die ganze Zeile, die cowl-node ausgegeben hat.</translation>
    </message>
</context>
</TS>
