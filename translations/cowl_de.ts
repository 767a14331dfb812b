<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccessPanel</name>
    <message>
        <source>Groups of the access document in force</source>
        <translation>Gruppen des geltenden Zugriffsdokuments</translation>
    </message>
    <message>
        <source>Aliases pointing at this container</source>
        <translation>Aliase, die auf diesen Container zeigen</translation>
    </message>
</context>
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
    <name>CreateContainerDialog</name>
    <message>
        <source>New container</source>
        <translation>Neuer Container</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>web</source>
        <translation>web</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>/srv/images/rootfs.tar.xz (a path on the node)</source>
        <translation>/srv/images/rootfs.tar.xz (ein Pfad auf dem Node)</translation>
    </message>
    <message>
        <source>Tarball path on the node</source>
        <translation>Pfad des Tarballs auf dem Node</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Arbeitsspeicher:</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>&amp;CPUs:</source>
        <translation>&amp;CPUs:</translation>
    </message>
    <message>
        <source>&amp;Start with the node</source>
        <translation>Mit dem Node &amp;starten</translation>
    </message>
    <message>
        <source>Name: 1–63 characters, lowercase letters, digits and hyphens, unique in the project. Limits: 16 MiB to 1 TiB memory, 0.01 to 1024 CPUs.</source>
        <translation>Name: 1–63 Zeichen, Kleinbuchstaben, Ziffern und Bindestriche, eindeutig im Projekt. Grenzen: 16 MiB bis 1 TiB Arbeitsspeicher, 0,01 bis 1024 CPUs.</translation>
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
    <name>CreateSnapshotDialog</name>
    <message>
        <source>New snapshot</source>
        <translation>Neuer Snapshot</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <source>before upgrade (optional)</source>
        <translation>vor dem Upgrade (optional)</translation>
    </message>
    <message>
        <source>&amp;Expires after:</source>
        <translation>&amp;Läuft ab nach:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>A labelled snapshot is never pruned by a schedule (unless the schedule says so); an expired one is always deleted.</source>
        <translation>Ein Snapshot mit Bezeichnung wird von einem Zeitplan nie entfernt (außer der Zeitplan sagt es so); ein abgelaufener wird immer gelöscht.</translation>
    </message>
</context>
<context>
    <name>FleetLockdown</name>
    <message>
        <source>Nothing locked down</source>
        <translation>Nichts gesperrt</translation>
    </message>
    <message>
        <source>No node is connected, so none can be locked down from here. On a node you can reach by SSH, run: cowl-node lockdown --all</source>
        <translation>Kein Node ist verbunden, also kann hier keiner gesperrt werden. Auf einem Node, den Sie per SSH erreichen, führen Sie aus: cowl-node lockdown --all</translation>
    </message>
    <message>
        <source>Lock down every connected node: %1?

Every URL of every container on them (aliases too) answers 503 at once and open connections are cut. The containers keep running. Unlock each node on its own when the danger is over.</source>
        <translation>Jeden verbundenen Node sperren: %1?

Jede URL jedes Containers darauf (auch Aliase) antwortet sofort mit 503, offene Verbindungen werden getrennt. Die Container laufen weiter. Entsperren Sie jeden Node einzeln, wenn die Gefahr vorüber ist.</translation>
    </message>
    <message>
        <source>Not connected, so not locked down: %1. Lock them down on the host with: cowl-node lockdown --all</source>
        <translation>Nicht verbunden, also nicht gesperrt: %1. Sperren Sie sie auf dem Host mit: cowl-node lockdown --all</translation>
    </message>
    <message>
        <source>Lock down everything</source>
        <translation>Alles sperren</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not every node is locked down</source>
        <translation>Nicht jeder Node ist gesperrt</translation>
    </message>
    <message>
        <source>These nodes refused:
%1</source>
        <translation>Diese Nodes haben abgelehnt:
%1</translation>
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
    <message>
        <source>Lock down &amp;everything…</source>
        <translation>&amp;Alles sperren…</translation>
    </message>
    <message>
        <source>Node lockdown on every connected node: every URL answers 503 at once</source>
        <translation>Sperre jedes verbundenen Nodes: jede URL antwortet sofort mit 503</translation>
    </message>
</context>
<context>
    <name>LockdownPrompt</name>
    <message>
        <source>Unlock node…</source>
        <translation>Node entsperren…</translation>
    </message>
    <message>
        <source>Lock down node…</source>
        <translation>Node sperren…</translation>
    </message>
    <message>
        <source>Unlock project…</source>
        <translation>Projekt entsperren…</translation>
    </message>
    <message>
        <source>Lock down project…</source>
        <translation>Projekt sperren…</translation>
    </message>
    <message>
        <source>Unlock container…</source>
        <translation>Container entsperren…</translation>
    </message>
    <message>
        <source>Lock down container…</source>
        <translation>Container sperren…</translation>
    </message>
    <message>
        <source>Lock down node</source>
        <translation>Node sperren</translation>
    </message>
    <message>
        <source>Unlock node</source>
        <translation>Node entsperren</translation>
    </message>
    <message>
        <source>Lock down the node %1?

Every URL of every container on it (aliases too) answers 503 at once and open connections are cut. The containers keep running. Unlock the node here when the danger is over.</source>
        <translation>Den Node %1 sperren?

Jede URL jedes Containers darauf (auch Aliase) antwortet sofort mit 503, offene Verbindungen werden getrennt. Die Container laufen weiter. Entsperren Sie den Node hier, wenn die Gefahr vorüber ist.</translation>
    </message>
    <message>
        <source>Unlock the node %1?

Its containers&apos; URLs answer again, each with its own access rules (projects and containers that are locked down themselves stay locked).</source>
        <translation>Den Node %1 entsperren?

Die URLs seiner Container antworten wieder, jede mit ihren eigenen Zugriffsregeln (selbst gesperrte Projekte und Container bleiben gesperrt).</translation>
    </message>
    <message>
        <source>Lock down project</source>
        <translation>Projekt sperren</translation>
    </message>
    <message>
        <source>Unlock project</source>
        <translation>Projekt entsperren</translation>
    </message>
    <message>
        <source>Lock down the project “%1” on %2?

Every URL of its containers (aliases too) answers 503 at once and open connections are cut. The containers keep running.</source>
        <translation>Das Projekt „%1“ auf %2 sperren?

Jede URL seiner Container (auch Aliase) antwortet sofort mit 503, offene Verbindungen werden getrennt. Die Container laufen weiter.</translation>
    </message>
    <message>
        <source>Unlock the project “%1” on %2?

Its containers&apos; URLs answer again, each with its own access rules.</source>
        <translation>Das Projekt „%1“ auf %2 entsperren?

Die URLs seiner Container antworten wieder, jede mit ihren eigenen Zugriffsregeln.</translation>
    </message>
    <message>
        <source>Lock down container</source>
        <translation>Container sperren</translation>
    </message>
    <message>
        <source>Unlock container</source>
        <translation>Container entsperren</translation>
    </message>
    <message>
        <source>Lock down the container “%1” on %2?

Every URL of it (aliases too) answers 503 at once and open connections are cut. The container keeps running.</source>
        <translation>Den Container „%1“ auf %2 sperren?

Jede seiner URLs (auch Aliase) antwortet sofort mit 503, offene Verbindungen werden getrennt. Der Container läuft weiter.</translation>
    </message>
    <message>
        <source>Unlock the container “%1” on %2?

Its URLs answer again, with its access rules in force.</source>
        <translation>Den Container „%1“ auf %2 entsperren?

Seine URLs antworten wieder, mit den geltenden Zugriffsregeln.</translation>
    </message>
    <message>
        <source>Not locked down</source>
        <translation>Nicht gesperrt</translation>
    </message>
    <message>
        <source>Not unlocked</source>
        <translation>Nicht entsperrt</translation>
    </message>
    <message>
        <source>The node did not lock down “%1”: %2</source>
        <translation>Der Node hat „%1“ nicht gesperrt: %2</translation>
    </message>
    <message>
        <source>The node did not unlock “%1”: %2</source>
        <translation>Der Node hat „%1“ nicht entsperrt: %2</translation>
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
    <message>
        <source>New &amp;container…</source>
        <translation>Neuer &amp;Container…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>&amp;Lock down or unlock the selection…</source>
        <translation>Auswahl &amp;sperren oder entsperren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Lock down or unlock the &amp;node…</source>
        <translation>&amp;Node sperren oder entsperren…</translation>
    </message>
    <message>
        <source>&amp;Server facts</source>
        <translation>Server&amp;daten</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Lock down &amp;everything…</source>
        <translation>&amp;Alles sperren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
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
    <message>
        <source>Lock down node…</source>
        <translation>Node sperren…</translation>
    </message>
    <message>
        <source>Projects and containers</source>
        <translation>Projekte und Container</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>R&amp;estart</source>
        <translation>Neu s&amp;tarten</translation>
    </message>
    <message>
        <source>&amp;Force stop…</source>
        <translation>Sofort &amp;beenden…</translation>
    </message>
    <message>
        <source>New &amp;container…</source>
        <translation>Neuer &amp;Container…</translation>
    </message>
    <message>
        <source>Delete container…</source>
        <translation>Container löschen…</translation>
    </message>
    <message>
        <source>Lock down…</source>
        <translation>Sperren…</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Snapshot schedule</source>
        <translation>Snapshot-Zeitplan</translation>
    </message>
    <message>
        <source>&amp;Take snapshots on this schedule</source>
        <translation>Snapshots nach diesem Zeitplan &amp;aufnehmen</translation>
    </message>
    <message>
        <source>&amp;Hourly snapshots to keep:</source>
        <translation>&amp;Stündliche Snapshots behalten:</translation>
    </message>
    <message>
        <source>&amp;Daily snapshots to keep:</source>
        <translation>&amp;Tägliche Snapshots behalten:</translation>
    </message>
    <message>
        <source>&amp;Weekly snapshots to keep:</source>
        <translation>&amp;Wöchentliche Snapshots behalten:</translation>
    </message>
    <message>
        <source>&amp;Monthly snapshots to keep:</source>
        <translation>&amp;Monatliche Snapshots behalten:</translation>
    </message>
    <message>
        <source>&amp;Prune labelled snapshots too</source>
        <translation>Auch Snapshots mit Bezeichnung &amp;entfernen</translation>
    </message>
    <message>
        <source>A snapshot is taken every interval of the finest tier that keeps any; then the newest of each of the last N hours, days, ISO weeks and months (UTC) is kept. Expired snapshots are always removed.</source>
        <translation>Ein Snapshot wird in jedem Intervall der feinsten Stufe aufgenommen, die welche behält; dann bleibt der neueste jeder der letzten N Stunden, Tage, ISO-Wochen und Monate (UTC). Abgelaufene Snapshots werden immer entfernt.</translation>
    </message>
    <message>
        <source>&amp;Use the project&apos;s schedule</source>
        <translation>&amp;Zeitplan des Projekts verwenden</translation>
    </message>
</context>
<context>
    <name>ServerFactsView</name>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Kernel:</source>
        <translation>Kernel:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Arbeitsspeicher:</translation>
    </message>
    <message>
        <source>Container storage:</source>
        <translation>Container-Speicher:</translation>
    </message>
    <message>
        <source>Snapshots:</source>
        <translation>Snapshots:</translation>
    </message>
    <message>
        <source>Swap:</source>
        <translation>Swap:</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Versionen:</translation>
    </message>
    <message>
        <source>Containers:</source>
        <translation>Container:</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>Datenträger</translation>
    </message>
</context>
<context>
    <name>SnapshotPanel</name>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>&amp;Take snapshot…</source>
        <translation>Snapshot &amp;aufnehmen…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>S&amp;chedule…</source>
        <translation>&amp;Zeitplan…</translation>
    </message>
</context>
<context>
    <name>cowl::ui::AccessPanel</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>Access document not loaded: %1</source>
        <translation>Zugriffsdokument nicht geladen: %1</translation>
    </message>
    <message>
        <source>In force: this container&apos;s own access document (it replaces the project&apos;s).</source>
        <translation>Gilt: das eigene Zugriffsdokument dieses Containers (es ersetzt das des Projekts).</translation>
    </message>
    <message>
        <source>In force: the project&apos;s access document.</source>
        <translation>Gilt: das Zugriffsdokument des Projekts.</translation>
    </message>
    <message>
        <source>No access document is in force: anyone who knows a URL reaches the container.</source>
        <translation>Kein Zugriffsdokument gilt: wer eine URL kennt, erreicht den Container.</translation>
    </message>
    <message>
        <source>Default: allow — requests that match no group get through.</source>
        <translation>Standard: erlauben — Anfragen, die zu keiner Gruppe passen, kommen durch.</translation>
    </message>
    <message>
        <source>Default: deny — only the groups below get through.</source>
        <translation>Standard: verweigern — nur die Gruppen unten kommen durch.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>anywhere</source>
        <translation>überall</translation>
    </message>
    <message>
        <source>Aliases not loaded: %1</source>
        <translation>Aliase nicht geladen: %1</translation>
    </message>
    <message>
        <source>No alias points at this container.</source>
        <translation>Kein Alias zeigt auf diesen Container.</translation>
    </message>
    <message>
        <source>Aliases pointing at this container:</source>
        <translation>Aliase, die auf diesen Container zeigen:</translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (deaktiviert)</translation>
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
    <name>cowl::ui::ContainerAccess</name>
    <message>
        <source>The node&apos;s alias list was not understood (%1).</source>
        <translation>Die Alias-Liste des Nodes wurde nicht verstanden (%1).</translation>
    </message>
</context>
<context>
    <name>cowl::ui::ContainerSnapshots</name>
    <message>
        <source>The node&apos;s snapshot list was not understood (%1). Update cowl and cowl-node to the same version.</source>
        <translation>Die Snapshot-Liste des Nodes wurde nicht verstanden (%1). Bringen Sie cowl und cowl-node auf dieselbe Version.</translation>
    </message>
    <message>
        <source>The node&apos;s schedule was not understood (%1).</source>
        <translation>Der Zeitplan des Nodes wurde nicht verstanden (%1).</translation>
    </message>
</context>
<context>
    <name>cowl::ui::CreateContainerDialog</name>
    <message>
        <source>BusyBox (small, starts in a second)</source>
        <translation>BusyBox (klein, startet in einer Sekunde)</translation>
    </message>
    <message>
        <source>Debian (debootstrap; the node needs its mirror)</source>
        <translation>Debian (debootstrap; der Node braucht seinen Spiegelserver)</translation>
    </message>
    <message>
        <source>Local rootfs tarball on the node…</source>
        <translation>Lokaler Rootfs-Tarball auf dem Node…</translation>
    </message>
    <message>
        <source>New container in %1</source>
        <translation>Neuer Container in %1</translation>
    </message>
    <message>
        <source>Rootfs tarball</source>
        <translation>Rootfs-Tarball</translation>
    </message>
    <message>
        <source>Tarballs (*.tar *.tar.gz *.tar.xz)</source>
        <translation>Tarballs (*.tar *.tar.gz *.tar.xz)</translation>
    </message>
</context>
<context>
    <name>cowl::ui::CreateSnapshotDialog</name>
    <message>
        <source>Snapshot of %1</source>
        <translation>Snapshot von %1</translation>
    </message>
    <message>
        <source>The label may hold printable characters only.</source>
        <translation>Die Bezeichnung darf nur druckbare Zeichen enthalten.</translation>
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
    <message>
        <source>%1, locked down</source>
        <translation>%1, gesperrt</translation>
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
    <message>
        <source>locked down, %1</source>
        <translation>gesperrt, %1</translation>
    </message>
    <message>
        <source>Locked down: every URL of this project answers 503. Project id %1</source>
        <translation>Gesperrt: jede URL dieses Projekts antwortet mit 503. Projekt-ID %1</translation>
    </message>
    <message>
        <source>Locked down: its URLs answer 503.</source>
        <translation>Gesperrt: seine URLs antworten mit 503.</translation>
    </message>
    <message>
        <source>Locked down with its project: its URLs answer 503.</source>
        <translation>Mit seinem Projekt gesperrt: seine URLs antworten mit 503.</translation>
    </message>
    <message>
        <source>Locked down with the node: its URLs answer 503.</source>
        <translation>Mit dem Node gesperrt: seine URLs antworten mit 503.</translation>
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
    <message>
        <source>Locked down</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Lockdown: the proxy of this node is off. Every URL of every container answers 503; the containers keep running.</source>
        <translation>Sperre: der Proxy dieses Nodes ist aus. Jede URL jedes Containers antwortet mit 503; die Container laufen weiter.</translation>
    </message>
    <message>
        <source>Locked down (project)</source>
        <translation>Gesperrt (Projekt)</translation>
    </message>
    <message>
        <source>Locked down (node)</source>
        <translation>Gesperrt (Node)</translation>
    </message>
    <message>
        <source>Starts with the node</source>
        <translation>Startet mit dem Node</translation>
    </message>
    <message>
        <source>Started by hand</source>
        <translation>Wird von Hand gestartet</translation>
    </message>
    <message>
        <source>The node refused for “%1”: %2</source>
        <translation>Der Node hat für „%1“ abgelehnt: %2</translation>
    </message>
    <message>
        <source>Force stop container</source>
        <translation>Container sofort beenden</translation>
    </message>
    <message>
        <source>Force stop “%1”?

Its processes are killed at once, without a clean shutdown: data they have not saved yet may be lost. Use Stop for a clean shutdown.</source>
        <translation>„%1“ sofort beenden?

Seine Prozesse werden sofort beendet, ohne sauberes Herunterfahren: noch nicht gespeicherte Daten können verloren gehen. Stoppen fährt sauber herunter.</translation>
    </message>
    <message>
        <source>Container action failed</source>
        <translation>Container-Aktion fehlgeschlagen</translation>
    </message>
    <message>
        <source>Delete container</source>
        <translation>Container löschen</translation>
    </message>
    <message>
        <source>Delete the container “%1” on %2?

Its root filesystem and all of its snapshots are deleted for good; this cannot be undone.</source>
        <translation>Den Container „%1“ auf %2 löschen?

Sein Root-Dateisystem und alle seine Snapshots werden endgültig gelöscht; das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Container not deleted</source>
        <translation>Container nicht gelöscht</translation>
    </message>
    <message>
        <source>Delete container and aliases</source>
        <translation>Container und Aliase löschen</translation>
    </message>
    <message>
        <source>The node did not delete “%1”: %2

Delete the container together with its aliases?</source>
        <translation>Der Node hat „%1“ nicht gelöscht: %2

Den Container zusammen mit seinen Aliasen löschen?</translation>
    </message>
    <message>
        <source>Server facts</source>
        <translation>Serverdaten</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
</context>
<context>
    <name>cowl::ui::ScheduleDialog</name>
    <message>
        <source>Snapshot schedule of %1</source>
        <translation>Snapshot-Zeitplan von %1</translation>
    </message>
    <message>
        <source>In force: this container&apos;s own schedule. It replaces the project&apos;s.</source>
        <translation>Gilt: der eigene Zeitplan dieses Containers. Er ersetzt den des Projekts.</translation>
    </message>
    <message>
        <source>In force: the project&apos;s schedule (inherited). Saving here gives this container its own schedule, which then replaces the project&apos;s.</source>
        <translation>Gilt: der Zeitplan des Projekts (geerbt). Speichern gibt diesem Container einen eigenen Zeitplan, der dann den des Projekts ersetzt.</translation>
    </message>
    <message>
        <source>No schedule is in force: snapshots are taken by hand only.</source>
        <translation>Kein Zeitplan gilt: Snapshots werden nur von Hand aufgenommen.</translation>
    </message>
    <message>
        <source>Keep at least one snapshot in one of the tiers.</source>
        <translation>Behalten Sie in mindestens einer Stufe mindestens einen Snapshot.</translation>
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
    <name>cowl::ui::ServerFactsView</name>
    <message>
        <source>Disk</source>
        <translation>Datenträger</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>not reported by this node</source>
        <translation>von diesem Node nicht gemeldet</translation>
    </message>
    <message numerus="yes">
        <source>%n CPU(s)</source>
        <translation>
            <numerusform>%n CPU</numerusform>
            <numerusform>%n CPUs</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1, %2 available</source>
        <translation>%1, %2 verfügbar</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 unter %2</translation>
    </message>
    <message>
        <source>%1 free of %2</source>
        <translation>%1 von %2 frei</translation>
    </message>
    <message>
        <source>copy-on-write (fast, share unchanged data)</source>
        <translation>Copy-on-Write (schnell, teilen unveränderte Daten)</translation>
    </message>
    <message>
        <source>full copies (each takes the time and space of the whole container)</source>
        <translation>vollständige Kopien (jede braucht die Zeit und den Platz des ganzen Containers)</translation>
    </message>
    <message>
        <source>cowl-node %1</source>
        <translation>cowl-node %1</translation>
    </message>
    <message>
        <source>%1 in all: %2 running, %3 stopped, %4 failed</source>
        <translation>%1 insgesamt: %2 laufen, %3 gestoppt, %4 fehlgeschlagen</translation>
    </message>
    <message>
        <source>LUKS (whole disk)</source>
        <translation>LUKS (ganzer Datenträger)</translation>
    </message>
    <message>
        <source>LUKS on some partitions only</source>
        <translation>LUKS nur auf einigen Partitionen</translation>
    </message>
    <message>
        <source>disk %1 (partly)</source>
        <translation>Datenträger %1 (teilweise)</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <source>disk %1</source>
        <translation>Datenträger %1</translation>
    </message>
    <message>
        <source>Disks: not reported by this node</source>
        <translation>Datenträger: von diesem Node nicht gemeldet</translation>
    </message>
    <message>
        <source>Disks: none found</source>
        <translation>Datenträger: keine gefunden</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>swap %1</source>
        <translation>Swap %1</translation>
    </message>
    <message>
        <source>swap</source>
        <translation>Swap</translation>
    </message>
    <message>
        <source>Not encrypted at rest: %1. Whoever gets hold of these disks can read the containers&apos; data (and what was swapped out of memory).</source>
        <translation>Im Ruhezustand nicht verschlüsselt: %1. Wer diese Datenträger in die Hände bekommt, kann die Daten der Container lesen (und was aus dem Arbeitsspeicher ausgelagert wurde).</translation>
    </message>
</context>
<context>
    <name>cowl::ui::SnapshotListModel</name>
    <message>
        <source>measuring…</source>
        <translation>wird gemessen…</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
</context>
<context>
    <name>cowl::ui::SnapshotPanel</name>
    <message>
        <source>This node&apos;s storage makes every snapshot a full copy of the container&apos;s root filesystem: each takes as long and as much space as the container itself.</source>
        <translation>Der Speicher dieses Nodes macht jeden Snapshot zu einer vollständigen Kopie des Root-Dateisystems: jeder braucht so lange und so viel Platz wie der Container selbst.</translation>
    </message>
    <message>
        <source>Snapshots not loaded: %1</source>
        <translation>Snapshots nicht geladen: %1</translation>
    </message>
    <message>
        <source>Schedule not loaded: %1</source>
        <translation>Zeitplan nicht geladen: %1</translation>
    </message>
    <message>
        <source>No schedule: snapshots are taken by hand only.</source>
        <translation>Kein Zeitplan: Snapshots werden nur von Hand aufgenommen.</translation>
    </message>
    <message>
        <source>Own schedule</source>
        <translation>Eigener Zeitplan</translation>
    </message>
    <message>
        <source>Project&apos;s schedule (inherited)</source>
        <translation>Zeitplan des Projekts (geerbt)</translation>
    </message>
    <message>
        <source>keeps %1 hourly, %2 daily, %3 weekly, %4 monthly</source>
        <translation>behält %1 stündliche, %2 tägliche, %3 wöchentliche, %4 monatliche</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>; prunes labelled snapshots too</source>
        <translation>; entfernt auch Snapshots mit Bezeichnung</translation>
    </message>
    <message>
        <source>Next run %1</source>
        <translation>Nächster Lauf %1</translation>
    </message>
    <message>
        <source>last run %1</source>
        <translation>letzter Lauf %1</translation>
    </message>
    <message>
        <source>Snapshot %1 created.</source>
        <translation>Snapshot %1 aufgenommen.</translation>
    </message>
    <message>
        <source>Restore snapshot</source>
        <translation>Snapshot wiederherstellen</translation>
    </message>
    <message>
        <source>Restore “%1” to the snapshot %2?

Everything written to the container since that snapshot is lost. A running container is stopped, restored and started again; its URLs answer 503 meanwhile.</source>
        <translation>„%1“ auf den Snapshot %2 zurücksetzen?

Alles, was seit diesem Snapshot in den Container geschrieben wurde, geht verloren. Ein laufender Container wird gestoppt, zurückgesetzt und wieder gestartet; seine URLs antworten währenddessen mit 503.</translation>
    </message>
    <message>
        <source>Restoring %1…</source>
        <translation>%1 wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Snapshot not restored</source>
        <translation>Snapshot nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>The node did not restore %1: %2</source>
        <translation>Der Node hat %1 nicht wiederhergestellt: %2</translation>
    </message>
    <message>
        <source>Restored %1.</source>
        <translation>%1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Delete snapshot</source>
        <translation>Snapshot löschen</translation>
    </message>
    <message>
        <source>Delete the snapshot %1 of “%2”?

The container cannot be restored to it afterwards.</source>
        <translation>Den Snapshot %1 von „%2“ löschen?

Der Container kann danach nicht mehr auf ihn zurückgesetzt werden.</translation>
    </message>
    <message>
        <source>Snapshot not deleted</source>
        <translation>Snapshot nicht gelöscht</translation>
    </message>
    <message>
        <source>The node did not delete %1: %2</source>
        <translation>Der Node hat %1 nicht gelöscht: %2</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
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
