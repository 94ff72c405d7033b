<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="58"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="92"/>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>AuthorityDialog</name>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="47"/>
        <source>Underwriting authority</source>
        <translation>Underwriting authority</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="48"/>
        <source>Levels and their limits come from head office; here they are given to the branch&apos;s underwriters.</source>
        <translation>Levels and their limits come from head office; here they are given to the branch&apos;s underwriters.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="68"/>
        <source>&amp;Level:</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="70"/>
        <source>&amp;Assign</source>
        <translation>&amp;Assign</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="74"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="109"/>
        <source>0 — no authority</source>
        <translation>0 — no authority</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="111"/>
        <source>%1 — %2, up to %3</source>
        <translation>%1 — %2, up to %3</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="155"/>
        <source>No underwriting decision at this level; every case is referred.</source>
        <translation>No underwriting decision at this level; every case is referred.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="159"/>
        <source>May approve: %1</source>
        <translation>May approve: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="174"/>
        <source>%1 now has authority level %2.</source>
        <translation>%1 now has authority level %2.</translation>
    </message>
</context>
<context>
    <name>BatchPanel</name>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="37"/>
        <source>&amp;Batches</source>
        <translation>&amp;Batches</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="59"/>
        <source>Unindexed pages (%1)</source>
        <translation>Unindexed pages (%1)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="78"/>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="78"/>
        <source>Hot folder</source>
        <translation>Hot folder</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="78"/>
        <source>Document camera</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="82"/>
        <source>%1 page(s)</source>
        <translation>%1 page(s)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="84"/>
        <source>%1 unindexed</source>
        <translation>%1 unindexed</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="69"/>
        <source>Document camera</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="87"/>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="92"/>
        <source>&amp;Device:</source>
        <translation>&amp;Device:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="96"/>
        <source>No picture yet. Press Start.</source>
        <translation>No picture yet. Press Start.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="107"/>
        <source>&amp;Keep as batch</source>
        <translation>&amp;Keep as batch</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="131"/>
        <source>Opening the camera…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="178"/>
        <source>Moving…</source>
        <translation>Moving…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="178"/>
        <source>Still</source>
        <translation>Still</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="179"/>
        <source>%1 page(s) captured</source>
        <translation>%1 page(s) captured</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="183"/>
        <source>The camera stopped. %1 page(s) captured.</source>
        <translation>The camera stopped. %1 page(s) captured.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="212"/>
        <source>Finishing the captured pages…</source>
        <translation>Finishing the captured pages…</translation>
    </message>
</context>
<context>
    <name>CaseFacts</name>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="116"/>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="123"/>
        <source>Applicant:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="123"/>
        <source>Industry:</source>
        <translation>Industry:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="124"/>
        <source>Occupation class:</source>
        <translation>Occupation class:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="124"/>
        <source>Source:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="124"/>
        <source>Agent:</source>
        <translation>Agent:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="125"/>
        <source>Insured:</source>
        <translation>Insured:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="125"/>
        <source>Sum / premium:</source>
        <translation>Sum / premium:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="125"/>
        <source>Proposed → effective:</source>
        <translation>Proposed → effective:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="126"/>
        <source>Special terms:</source>
        <translation>Special terms:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="126"/>
        <source>Decided so far:</source>
        <translation>Decided so far:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Sum insured</source>
        <translation>Sum insured</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="158"/>
        <source>%1 persons</source>
        <translation>%1 persons</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="160"/>
        <source>%1 → %2, %3 months</source>
        <translation>%1 → %2, %3 months</translation>
    </message>
</context>
<context>
    <name>CaseLine</name>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="28"/>
        <source>No pages here.</source>
        <translation>No pages here.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="30"/>
        <source>This page has no case yet: type its case or proposal number below and press Enter.</source>
        <translation>This page has no case yet: type its case or proposal number below and press Enter.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="40"/>
        <source>%1 %2 p.</source>
        <translation>%1 %2 p.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="41"/>
        <source>no typed pages</source>
        <translation>no typed pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="42"/>
        <source>Case %1: %2.</source>
        <translation>Case %1: %2.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="44"/>
        <source>Missing: %1.</source>
        <translation>Missing: %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="46"/>
        <source>Short: %1 has %2 of %3 pages.</source>
        <translation>Short: %1 has %2 of %3 pages.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="49"/>
        <source>No seal: %1 page %2.</source>
        <translation>No seal: %1 page %2.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="52"/>
        <source>Required documents complete.</source>
        <translation>Required documents complete.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="54"/>
        <source>Required documents present.</source>
        <translation>Required documents present.</translation>
    </message>
</context>
<context>
    <name>CaseQueueTableModel</name>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Case no.</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Proposal no.</source>
        <translation>Proposal no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Business type</source>
        <translation>Business type</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="83"/>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="83"/>
        <source>Waiting (working h)</source>
        <translation>Waiting (working h)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="83"/>
        <location filename="../../desk_app/ui/queue_model.py" line="86"/>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>CaseViewWidget</name>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="76"/>
        <source>Double-click a case, or select it and press Enter, to open it.</source>
        <translation>Double-click a case, or select it and press Enter, to open it.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="99"/>
        <source>Rule chec&amp;k results</source>
        <translation>Rule chec&amp;k results</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="101"/>
        <source>Results of the latest rule check: why the case stopped (F7)</source>
        <translation>Results of the latest rule check: why the case stopped (F7)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="110"/>
        <source>Proposal</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="116"/>
        <source>Proposal no.:</source>
        <translation>Proposal no.:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="117"/>
        <source>Business type:</source>
        <translation>Business type:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="118"/>
        <source>Applicant:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="119"/>
        <source>Unified credit code:</source>
        <translation>Unified credit code:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="120"/>
        <source>Industry:</source>
        <translation>Industry:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="121"/>
        <source>Business source:</source>
        <translation>Business source:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="122"/>
        <source>Intermediary:</source>
        <translation>Intermediary:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="123"/>
        <source>Agent:</source>
        <translation>Agent:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="124"/>
        <source>Contact:</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="125"/>
        <source>ID number:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="126"/>
        <source>Phone:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="127"/>
        <source>Bank account:</source>
        <translation>Bank account:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="128"/>
        <source>Insured persons:</source>
        <translation>Insured persons:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="129"/>
        <source>Total sum insured:</source>
        <translation>Total sum insured:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="130"/>
        <source>Total premium:</source>
        <translation>Total premium:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="131"/>
        <source>Term:</source>
        <translation>Term:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="132"/>
        <source>Proposal date:</source>
        <translation>Proposal date:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="133"/>
        <source>Effective date:</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="134"/>
        <source>In this stage since:</source>
        <translation>In this stage since:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="135"/>
        <source>Special agreements:</source>
        <translation>Special agreements:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="145"/>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="165"/>
        <source>Products</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="168"/>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="206"/>
        <source>Opening the case…</source>
        <translation>Opening the case…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="210"/>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="221"/>
        <source> (commission %1)</source>
        <translation> (commission %1)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="227"/>
        <source>%1 months</source>
        <translation>%1 months</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="238"/>
        <source>%1, level %2: sum insured %3, premium %4</source>
        <translation>%1, level %2: sum insured %3, premium %4</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="22"/>
        <location filename="../../desk_app/ui/password_dialog.py" line="44"/>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="25"/>
        <source>This account still has its initial password. Choose your own before you start.</source>
        <translation>This account still has its initial password. Choose your own before you start.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="26"/>
        <source>Choose a new password.</source>
        <translation>Choose a new password.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="33"/>
        <source>Current password:</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="34"/>
        <source>New password:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="35"/>
        <source>New password again:</source>
        <translation>New password again:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="46"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="46"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="60"/>
        <source>The two new passwords differ.</source>
        <translation>The two new passwords differ.</translation>
    </message>
</context>
<context>
    <name>ConflictInboxDialog</name>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="35"/>
        <source>Conflict inbox</source>
        <translation>Conflict inbox</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Change not taken</source>
        <translation>Change not taken</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="39"/>
        <source>Change taken</source>
        <translation>Change taken</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="45"/>
        <source>No conflicts to read.</source>
        <translation>No conflicts to read.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="46"/>
        <source>Mark as read</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="50"/>
        <source>When two places change the same record at once, one change is taken by the rules of docs/sync.md; the other is kept here and is not lost.</source>
        <translation>When two places change the same record at once, one change is taken by the rules of docs/sync.md; the other is kept here and is not lost.</translation>
    </message>
</context>
<context>
    <name>ContractWindow</name>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="125"/>
        <source>Waiting to print (issued)</source>
        <translation>Waiting to print (issued)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="126"/>
        <source>Printed (for a reprint)</source>
        <translation>Printed (for a reprint)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="128"/>
        <source>Sho&amp;w:</source>
        <translation>Sho&amp;w:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="137"/>
        <source>Case no.</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="137"/>
        <source>Policy no.</source>
        <translation>Policy no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="137"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="138"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="138"/>
        <source>Prints</source>
        <translation>Prints</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="143"/>
        <location filename="../../desk_app/ui/contract_window.py" line="391"/>
        <source>Print tic&amp;ked</source>
        <translation>Print tic&amp;ked</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="145"/>
        <source>Print every ticked case (Space ticks; Ctrl+B)</source>
        <translation>Print every ticked case (Space ticks; Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="159"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="172"/>
        <source>Choose a case to see its contract.</source>
        <translation>Choose a case to see its contract.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="176"/>
        <location filename="../../desk_app/ui/contract_window.py" line="383"/>
        <source>Pr&amp;int…</source>
        <translation>Pr&amp;int…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="178"/>
        <source>Choose the printer and copies, then print (Ctrl+P)</source>
        <translation>Choose the printer and copies, then print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="180"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="181"/>
        <source>Record the print and save it as a PDF file (Ctrl+S)</source>
        <translation>Record the print and save it as a PDF file (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="183"/>
        <source>Re&amp;quest reprint…</source>
        <translation>Re&amp;quest reprint…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="196"/>
        <source>Print log</source>
        <translation>Print log</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="272"/>
        <source>Space ticks the case for a batch</source>
        <translation>Space ticks the case for a batch</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="282"/>
        <source>%1 cases</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="290"/>
        <source>No case here.</source>
        <translation>No case here.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="321"/>
        <source>%1 — %2 — policy %3</source>
        <translation>%1 — %2 — policy %3</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="323"/>
        <source>Drawing the contract…</source>
        <translation>Drawing the contract…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="354"/>
        <location filename="../../desk_app/ui/contract_window.py" line="436"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="354"/>
        <location filename="../../desk_app/ui/contract_window.py" line="437"/>
        <source>Copy %1</source>
        <translation>Copy %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="356"/>
        <source>Current</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="356"/>
        <source>Superseded</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="357"/>
        <source>%1; reprint approved by %2</source>
        <translation>%1; reprint approved by %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="361"/>
        <source>PDF file</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="383"/>
        <source>Repr&amp;int…</source>
        <translation>Repr&amp;int…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="390"/>
        <source>Print tic&amp;ked (%1)</source>
        <translation>Print tic&amp;ked (%1)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="399"/>
        <source>Reprint contract %1</source>
        <translation>Reprint contract %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="399"/>
        <source>Print contract %1</source>
        <translation>Print contract %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="410"/>
        <source>Save the contract as PDF</source>
        <translation>Save the contract as PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="411"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="427"/>
        <source>Recording the print…</source>
        <translation>Recording the print…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="434"/>
        <source>The print was recorded but could not be written: %1</source>
        <translation>The print was recorded but could not be written: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="438"/>
        <source>%1 of %2 printed (%3 pages) to %4</source>
        <translation>%1 of %2 printed (%3 pages) to %4</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="456"/>
        <source>Reprint requested; it prints once a supervisor approves it.</source>
        <translation>Reprint requested; it prints once a supervisor approves it.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="500"/>
        <source>Print %1 contracts</source>
        <translation>Print %1 contracts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="501"/>
        <source>Contracts</source>
        <translation>Contracts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="510"/>
        <source>Printing %1 contracts…</source>
        <translation>Printing %1 contracts…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="541"/>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="544"/>
        <source>%1 printed</source>
        <translation>%1 printed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="558"/>
        <source>Batch finished: %1 printed, %2 failed.</source>
        <translation>Batch finished: %1 printed, %2 failed.</translation>
    </message>
</context>
<context>
    <name>DbWorker</name>
    <message>
        <location filename="../../desk_app/ui/worker.py" line="42"/>
        <source>An unexpected error occurred. The details were written to the log; please tell the system administrator.</source>
        <translation>An unexpected error occurred. The details were written to the log; please tell the system administrator.</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="47"/>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="56"/>
        <source>&amp;Standard terms</source>
        <translation>&amp;Standard terms</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="57"/>
        <source>&amp;Sign off (approve)</source>
        <translation>&amp;Sign off (approve)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="58"/>
        <source>Extra premium (&amp;G)</source>
        <translation>Extra premium (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="59"/>
        <source>E&amp;xclusion</source>
        <translation>E&amp;xclusion</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="60"/>
        <source>Pos&amp;tpone</source>
        <translation>Pos&amp;tpone</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="61"/>
        <source>D&amp;ecline</source>
        <translation>D&amp;ecline</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="78"/>
        <source>Extra premium:</source>
        <translation>Extra premium:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="81"/>
        <source>What is excluded, as the policy will say it</source>
        <translation>What is excluded, as the policy will say it</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="82"/>
        <source>Exclusion:</source>
        <translation>Exclusion:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="92"/>
        <source>Why: every decision names its reason</source>
        <translation>Why: every decision names its reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="93"/>
        <source>Re&amp;ason:</source>
        <translation>Re&amp;ason:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="95"/>
        <source>Confir&amp;m decision (F8)</source>
        <translation>Confir&amp;m decision (F8)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="99"/>
        <source>Refer to &amp;head office…</source>
        <translation>Refer to &amp;head office…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="103"/>
        <source>Referral packet (&amp;W)…</source>
        <translation>Referral packet (&amp;W)…</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="26"/>
        <source>Enrol with head office</source>
        <translation>Enrol with head office</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="33"/>
        <source>Enter the server address and the one-time enrolment code head office gave you.</source>
        <translation>Enter the server address and the one-time enrolment code head office gave you.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="37"/>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="38"/>
        <source>Enrolment code</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="40"/>
        <source>Enrol</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="51"/>
        <source>Both the server address and the enrolment code are required.</source>
        <translation>Both the server address and the enrolment code are required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="54"/>
        <source>Enrolling…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="64"/>
        <source>Enrolled with: %1 %2</source>
        <translation>Enrolled with: %1 %2</translation>
    </message>
</context>
<context>
    <name>EntryWindow</name>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="92"/>
        <location filename="../../desk_app/ui/entry_window.py" line="220"/>
        <source>No case open</source>
        <translation>No case open</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="111"/>
        <source>Press F8 to take the next case.</source>
        <translation>Press F8 to take the next case.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="123"/>
        <source>&amp;Submit, next case (F8)</source>
        <translation>&amp;Submit, next case (F8)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="125"/>
        <source>Whole &amp;page (F7)</source>
        <translation>Whole &amp;page (F7)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="127"/>
        <source>Zoom &amp;in (Ctrl+=)</source>
        <translation>Zoom &amp;in (Ctrl+=)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="129"/>
        <source>Zoom &amp;out (Ctrl+-)</source>
        <translation>Zoom &amp;out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="168"/>
        <source>Taking the next case…</source>
        <translation>Taking the next case…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="196"/>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="197"/>
        <source>round %1</source>
        <translation>round %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="225"/>
        <source>No case is waiting for you. Press F8 to look again.</source>
        <translation>No case is waiting for you. Press F8 to look again.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="274"/>
        <source>This case has no scanned page of its proposal form.</source>
        <translation>This case has no scanned page of its proposal form.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="305"/>
        <source>%1 of %2 fields</source>
        <translation>%1 of %2 fields</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="334"/>
        <source>Submitting…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="347"/>
        <source>%1 of case %2 submitted.</source>
        <translation>%1 of case %2 submitted.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="349"/>
        <source>Compared: both entries agree.</source>
        <translation>Compared: both entries agree.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="351"/>
        <source>%1 fields differ: sent to reconciliation.</source>
        <translation>%1 fields differ: sent to reconciliation.</translation>
    </message>
</context>
<context>
    <name>FiguresDialog</name>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="51"/>
        <source>Entry operators&apos; figures</source>
        <translation>Entry operators&apos; figures</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="59"/>
        <source>Per &amp;field</source>
        <translation>Per &amp;field</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="60"/>
        <source>&amp;Show</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="64"/>
        <source>F&amp;rom:</source>
        <translation>F&amp;rom:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="64"/>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Fields keyed</source>
        <translation>Fields keyed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Keystrokes</source>
        <translation>Keystrokes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Keystrokes/hour</source>
        <translation>Keystrokes/hour</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Differences</source>
        <translation>Differences</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Kept %</source>
        <translation>Kept %</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="88"/>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="104"/>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="119"/>
        <source>all fields</source>
        <translation>all fields</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="128"/>
        <source>%1 rows.</source>
        <translation>%1 rows.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="129"/>
        <source>No entry work in this period.</source>
        <translation>No entry work in this period.</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="106"/>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="46"/>
        <source>&amp;Import files…</source>
        <translation>&amp;Import files…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="48"/>
        <source>Document ca&amp;mera…</source>
        <translation>Document ca&amp;mera…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="51"/>
        <source>Case or proposal number (pages before the first cover sheet)</source>
        <translation>Case or proposal number (pages before the first cover sheet)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="53"/>
        <source>%v of %m files</source>
        <translation>%v of %m files</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="61"/>
        <source>Import scanned files</source>
        <translation>Import scanned files</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="61"/>
        <source>Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="70"/>
        <source>Processing %1 file(s)…</source>
        <translation>Processing %1 file(s)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="107"/>
        <source>%1 page(s) stored.</source>
        <translation>%1 page(s) stored.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="109"/>
        <source>%1 blank page(s) set aside (Show deleted lists them).</source>
        <translation>%1 blank page(s) set aside (Show deleted lists them).</translation>
    </message>
</context>
<context>
    <name>InsuredListDialog</name>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="56"/>
        <source>Insured list %1</source>
        <translation>Insured list %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="60"/>
        <source>Path of the .xlsx or .csv file; Enter to read it</source>
        <translation>Path of the .xlsx or .csv file; Enter to read it</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="62"/>
        <source>&amp;Choose file...</source>
        <translation>&amp;Choose file...</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="68"/>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="70"/>
        <source>&amp;Sheet:</source>
        <translation>&amp;Sheet:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="83"/>
        <source>Columns of the file</source>
        <translation>Columns of the file</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="90"/>
        <source>First rows</source>
        <translation>First rows</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="94"/>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="94"/>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="94"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="95"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="101"/>
        <source>Errors and warnings</source>
        <translation>Errors and warnings</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="105"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="105"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="105"/>
        <source>Persons</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="106"/>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="106"/>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="107"/>
        <source>Replaced</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="111"/>
        <source>Imported versions</source>
        <translation>Imported versions</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="117"/>
        <source>&amp;Import (Ctrl+Enter)</source>
        <translation>&amp;Import (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="120"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="152"/>
        <source>Choose the insured list</source>
        <translation>Choose the insured list</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="153"/>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>Spreadsheets (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="170"/>
        <source>Reading the file...</source>
        <translation>Reading the file...</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="186"/>
        <source>Header found on row %1. Check the field of each column, then import.</source>
        <translation>Header found on row %1. Check the field of each column, then import.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="204"/>
        <source>(not imported)</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="250"/>
        <source>Checking and importing...</source>
        <translation>Checking and importing...</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="260"/>
        <source>Imported version %1: %2 persons, premium %3 yuan.</source>
        <translation>Imported version %1: %2 persons, premium %3 yuan.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="266"/>
        <source>%1 errors: nothing was imported. Correct the file and import again.</source>
        <translation>%1 errors: nothing was imported. Correct the file and import again.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="278"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="278"/>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="309"/>
        <source>current</source>
        <translation>current</translation>
    </message>
</context>
<context>
    <name>IntakeWidget</name>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="113"/>
        <source>Scan or type the pre-printed number</source>
        <translation>Scan or type the pre-printed number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="124"/>
        <source>e.g. 0.05</source>
        <translation>e.g. 0.05</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="130"/>
        <source>Choose the industry</source>
        <translation>Choose the industry</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="140"/>
        <source>&amp;Add product</source>
        <translation>&amp;Add product</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="153"/>
        <source>Proposal number</source>
        <translation>Proposal number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="154"/>
        <source>Business type</source>
        <translation>Business type</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="155"/>
        <source>Business source</source>
        <translation>Business source</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="156"/>
        <source>Intermediary</source>
        <translation>Intermediary</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="157"/>
        <source>Commission ratio</source>
        <translation>Commission ratio</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="158"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="159"/>
        <source>Applicant unit</source>
        <translation>Applicant unit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="160"/>
        <source>Credit code</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="161"/>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="162"/>
        <source>Insured persons</source>
        <translation>Insured persons</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="163"/>
        <source>Effective date</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="169"/>
        <source>Sum insured</source>
        <translation>Sum insured</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="170"/>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="178"/>
        <source>C&amp;heck materials</source>
        <translation>C&amp;heck materials</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="192"/>
        <source>Effective date already passed: confir&amp;med</source>
        <translation>Effective date already passed: confir&amp;med</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="193"/>
        <source>Not a d&amp;uplicate: confirmed</source>
        <translation>Not a d&amp;uplicate: confirmed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="164"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="165"/>
        <source>Benefit level</source>
        <translation>Benefit level</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="175"/>
        <source>Amounts</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="180"/>
        <source>All rece&amp;ived</source>
        <translation>All rece&amp;ived</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="183"/>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="183"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="183"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="195"/>
        <source>Return reasons, one per line</source>
        <translation>Return reasons, one per line</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="198"/>
        <source>Acce&amp;pt</source>
        <translation>Acce&amp;pt</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="199"/>
        <source>Accept with &amp;deficiencies</source>
        <translation>Accept with &amp;deficiencies</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="200"/>
        <source>&amp;Return papers</source>
        <translation>&amp;Return papers</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="201"/>
        <source>Prin&amp;t paper</source>
        <translation>Prin&amp;t paper</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="279"/>
        <source>Sum insured and premium must be amounts in yuan.</source>
        <translation>Sum insured and premium must be amounts in yuan.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="294"/>
        <source>The commission ratio must be a decimal such as 0.05.</source>
        <translation>The commission ratio must be a decimal such as 0.05.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="358"/>
        <source>Check the materials (F4) before deciding.</source>
        <translation>Check the materials (F4) before deciding.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="385"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="385"/>
        <source>Accepted, papers missing</source>
        <translation>Accepted, papers missing</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="386"/>
        <source>Papers returned</source>
        <translation>Papers returned</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="388"/>
        <source>%1: case %2</source>
        <translation>%1: case %2</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="62"/>
        <source>BranchDesk - Log in</source>
        <translation>BranchDesk - Log in</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="66"/>
        <source>BranchDesk processing centre</source>
        <translation>BranchDesk processing centre</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="77"/>
        <source>e.g. clerk</source>
        <translation>e.g. clerk</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="84"/>
        <source>User name:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="85"/>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="94"/>
        <location filename="../../desk_app/ui/login_dialog.py" line="161"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="102"/>
        <source>Exit</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="131"/>
        <source>Please enter your user name and password.</source>
        <translation>Please enter your user name and password.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="161"/>
        <source>Logging in…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="141"/>
        <source>BranchDesk - %1</source>
        <translation>BranchDesk - %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="157"/>
        <source>None of your roles has a work queue.</source>
        <translation>None of your roles has a work queue.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="159"/>
        <source>No queue</source>
        <translation>No queue</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="219"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="221"/>
        <source>Read the queues again from the database</source>
        <translation>Read the queues again from the database</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="224"/>
        <source>&amp;Open case</source>
        <translation>&amp;Open case</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="225"/>
        <source>Open the selected case</source>
        <translation>Open the selected case</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="229"/>
        <source>&amp;New intake</source>
        <translation>&amp;New intake</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="237"/>
        <source>S&amp;canning station</source>
        <translation>S&amp;canning station</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="245"/>
        <source>&amp;Stationery…</source>
        <translation>&amp;Stationery…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="252"/>
        <source>&amp;Data entry</source>
        <translation>&amp;Data entry</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="259"/>
        <source>Reconci&amp;liation</source>
        <translation>Reconci&amp;liation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="265"/>
        <source>Entry &amp;figures…</source>
        <translation>Entry &amp;figures…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="273"/>
        <source>&amp;Insured list…</source>
        <translation>&amp;Insured list…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="275"/>
        <source>Import the insured list of the selected case</source>
        <translation>Import the insured list of the selected case</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="283"/>
        <source>&amp;Problem cases</source>
        <translation>&amp;Problem cases</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="285"/>
        <source>Problem cases by due time, with the working time left</source>
        <translation>Problem cases by due time, with the working time left</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="294"/>
        <source>&amp;Underwriting</source>
        <translation>&amp;Underwriting</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="296"/>
        <source>Open the selected case of the underwriting queue</source>
        <translation>Open the selected case of the underwriting queue</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="302"/>
        <source>Underwriting &amp;authority…</source>
        <translation>Underwriting &amp;authority…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="308"/>
        <source>Contract printin&amp;g</source>
        <translation>Contract printin&amp;g</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="309"/>
        <source>Print the contracts of issued cases, reprints, print log</source>
        <translation>Print the contracts of issued cases, reprints, print log</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="311"/>
        <source>Verif&amp;y copy</source>
        <translation>Verif&amp;y copy</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="312"/>
        <source>Check a paper contract page by its QR code</source>
        <translation>Check a paper contract page by its QR code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="314"/>
        <source>Receip&amp;ts and archive</source>
        <translation>Receip&amp;ts and archive</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="315"/>
        <source>Signed receipts waiting, and filing cases in boxes</source>
        <translation>Signed receipts waiting, and filing cases in boxes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="317"/>
        <source>Reprint appro&amp;vals…</source>
        <translation>Reprint appro&amp;vals…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="319"/>
        <source>Approve or refuse the reprint requests</source>
        <translation>Approve or refuse the reprint requests</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="322"/>
        <source>&amp;Close tab</source>
        <translation>&amp;Close tab</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="327"/>
        <source>E&amp;xit</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="332"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="335"/>
        <source>&amp;Case</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="354"/>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="386"/>
        <source>User: %1 (%2)</source>
        <translation>User: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="387"/>
        <location filename="../../desk_app/ui/main_window.py" line="779"/>
        <source>Branch: %1</source>
        <translation>Branch: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="389"/>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="430"/>
        <source>By stage: %1</source>
        <translation>By stage: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="457"/>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="524"/>
        <source>New intake</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="525"/>
        <location filename="../../desk_app/ui/main_window.py" line="536"/>
        <location filename="../../desk_app/ui/main_window.py" line="625"/>
        <source>Close with Ctrl+W</source>
        <translation>Close with Ctrl+W</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="535"/>
        <source>Scanning</source>
        <translation>Scanning</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="553"/>
        <source>Data entry</source>
        <translation>Data entry</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="554"/>
        <location filename="../../desk_app/ui/main_window.py" line="577"/>
        <location filename="../../desk_app/ui/main_window.py" line="642"/>
        <location filename="../../desk_app/ui/main_window.py" line="666"/>
        <location filename="../../desk_app/ui/main_window.py" line="711"/>
        <source>Close with Ctrl+W or Esc</source>
        <translation>Close with Ctrl+W or Esc</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="563"/>
        <source>Submit (F8) or close the case on screen before opening another.</source>
        <translation>Submit (F8) or close the case on screen before opening another.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="576"/>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="611"/>
        <source>Select a case in a queue first.</source>
        <translation>Select a case in a queue first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="624"/>
        <location filename="../../desk_app/ui/main_window.py" line="641"/>
        <source>Problem cases</source>
        <translation>Problem cases</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="640"/>
        <source>Problem case %1</source>
        <translation>Problem case %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="657"/>
        <source>Select a case in the underwriting queue first.</source>
        <translation>Select a case in the underwriting queue first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="664"/>
        <source>Underwriting %1</source>
        <translation>Underwriting %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="665"/>
        <source>Underwriting</source>
        <translation>Underwriting</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="722"/>
        <source>Contracts</source>
        <translation>Contracts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="734"/>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="744"/>
        <source>Receipts</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="801"/>
        <source>Unsaved intake</source>
        <translation>Unsaved intake</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="803"/>
        <source>&amp;Discard</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="804"/>
        <source>&amp;Keep working</source>
        <translation>&amp;Keep working</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="819"/>
        <source>This intake has typed data that was not taken in. Close the tab and discard it?</source>
        <translation>This intake has typed data that was not taken in. Close the tab and discard it?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="825"/>
        <source>This case&apos;s entry is not submitted. The fields keyed so far are kept, and the case stays yours to finish. Close the tab?</source>
        <translation>This case&apos;s entry is not submitted. The fields keyed so far are kept, and the case stays yours to finish. Close the tab?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="827"/>
        <source>Entry not submitted</source>
        <translation>Entry not submitted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="831"/>
        <source>The decisions taken on this case are not recorded yet (F8 records them). Close the tab and discard them?</source>
        <translation>The decisions taken on this case are not recorded yet (F8 records them). Close the tab and discard them?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="833"/>
        <source>Decisions not recorded</source>
        <translation>Decisions not recorded</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="857"/>
        <source>Intakes with typed data not yet taken in: %1. Quit and discard them?</source>
        <translation>Intakes with typed data not yet taken in: %1. Quit and discard them?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="859"/>
        <source>Tabs with typed work not yet saved or submitted: %1. Quit anyway?</source>
        <translation>Tabs with typed work not yet saved or submitted: %1. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="56"/>
        <source>Problem notice %1</source>
        <translation>Problem notice %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="58"/>
        <source>Copy %1 recorded; reply due %2. Print it for the agent, or save it as PDF.</source>
        <translation>Copy %1 recorded; reply due %2. Print it for the agent, or save it as PDF.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="79"/>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="82"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="84"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="108"/>
        <source>Print the problem notice</source>
        <translation>Print the problem notice</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="111"/>
        <source>Sent to the printer: %1</source>
        <translation>Sent to the printer: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="115"/>
        <source>Save as PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="116"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="122"/>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>PacketDialog</name>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="71"/>
        <source>Referral packet %1</source>
        <translation>Referral packet %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="72"/>
        <source>%1 pages: the case, its rule results and issues, its page images.</source>
        <translation>%1 pages: the case, its rule results and issues, its page images.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="92"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PageStrip</name>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="81"/>
        <source>Show &amp;deleted</source>
        <translation>Show &amp;deleted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="84"/>
        <source>&amp;Pages</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="89"/>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="90"/>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="91"/>
        <source>Rotate left</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="92"/>
        <source>Rotate right</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="93"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="94"/>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="95"/>
        <source>Re&amp;scan…</source>
        <translation>Re&amp;scan…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="107"/>
        <source>Case number or proposal number</source>
        <translation>Case number or proposal number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="109"/>
        <source>Assign to case (&amp;K):</source>
        <translation>Assign to case (&amp;K):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="111"/>
        <source>&amp;Assign</source>
        <translation>&amp;Assign</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="173"/>
        <source>Blurred</source>
        <translation>Blurred</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="173"/>
        <source>Too dark</source>
        <translation>Too dark</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="173"/>
        <source>Too light</source>
        <translation>Too light</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="174"/>
        <source>Too small</source>
        <translation>Too small</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="174"/>
        <source>Low resolution</source>
        <translation>Low resolution</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="175"/>
        <source>Check orientation</source>
        <translation>Check orientation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="175"/>
        <source>Check skew</source>
        <translation>Check skew</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="178"/>
        <source>Blank</source>
        <translation>Blank</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="181"/>
        <source>Seal missing</source>
        <translation>Seal missing</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="185"/>
        <source>Seal</source>
        <translation>Seal</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="187"/>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="192"/>
        <source>Cover sheet</source>
        <translation>Cover sheet</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="192"/>
        <source>No type</source>
        <translation>No type</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="194"/>
        <source>Unindexed</source>
        <translation>Unindexed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="257"/>
        <source>%1 page(s) typed as %2.</source>
        <translation>%1 page(s) typed as %2.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="263"/>
        <source>%1 page(s) removed (they can be restored).</source>
        <translation>%1 page(s) removed (they can be restored).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="269"/>
        <source>%1 page(s) restored.</source>
        <translation>%1 page(s) restored.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="275"/>
        <source>Page moved up.</source>
        <translation>Page moved up.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="275"/>
        <source>Page moved down.</source>
        <translation>Page moved down.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="280"/>
        <source>Rotating the page…</source>
        <translation>Rotating the page…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="282"/>
        <source>Page rotated left.</source>
        <translation>Page rotated left.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="282"/>
        <source>Page rotated right.</source>
        <translation>Page rotated right.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="290"/>
        <source>Rescan the page from a file</source>
        <translation>Rescan the page from a file</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="291"/>
        <source>Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="294"/>
        <source>Processing the rescan…</source>
        <translation>Processing the rescan…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="304"/>
        <source>Page replaced by the rescan.</source>
        <translation>Page replaced by the rescan.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="311"/>
        <source>Select the pages to assign first.</source>
        <translation>Select the pages to assign first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="314"/>
        <source>Type a case number or proposal number.</source>
        <translation>Type a case number or proposal number.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="321"/>
        <source>%1 page(s) assigned to case %2.</source>
        <translation>%1 page(s) assigned to case %2.</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="166"/>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="169"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="171"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="191"/>
        <source>Sent to %1</source>
        <translation>Sent to %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="194"/>
        <source>Save as PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="194"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="196"/>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>ProblemCaseWidget</name>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="117"/>
        <source>Issue &amp;notice</source>
        <translation>Issue &amp;notice</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="118"/>
        <source>Record reply by &amp;hand…</source>
        <translation>Record reply by &amp;hand…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="119"/>
        <source>Resolve (&amp;J)…</source>
        <translation>Resolve (&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="120"/>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="121"/>
        <source>Reopen (&amp;B)…</source>
        <translation>Reopen (&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="122"/>
        <source>R&amp;aise by hand…</source>
        <translation>R&amp;aise by hand…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="135"/>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="138"/>
        <source>Case no.:</source>
        <translation>Case no.:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="138"/>
        <source>Proposal no.:</source>
        <translation>Proposal no.:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="139"/>
        <source>Applicant:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="140"/>
        <source>Business type:</source>
        <translation>Business type:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="140"/>
        <source>Case stage:</source>
        <translation>Case stage:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="141"/>
        <source>Agent:</source>
        <translation>Agent:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="142"/>
        <source>Source:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="142"/>
        <source>Raised:</source>
        <translation>Raised:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="142"/>
        <source>Reopened:</source>
        <translation>Reopened:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="143"/>
        <source>Notice:</source>
        <translation>Notice:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="143"/>
        <source>Reply due:</source>
        <translation>Reply due:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="143"/>
        <source>Replied:</source>
        <translation>Replied:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="156"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="161"/>
        <source>Problem items</source>
        <translation>Problem items</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>Reason/note</source>
        <translation>Reason/note</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="168"/>
        <source>Steps taken</source>
        <translation>Steps taken</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="171"/>
        <source>Latest rule check (why the case stopped)</source>
        <translation>Latest rule check (why the case stopped)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="198"/>
        <source>Select a problem case in the queue and press Enter to open it.</source>
        <translation>Select a problem case in the queue and press Enter to open it.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="219"/>
        <source>Opening the problem case…</source>
        <translation>Opening the problem case…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="284"/>
        <source>Problem case %1</source>
        <translation>Problem case %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="302"/>
        <source>%1 time(s)</source>
        <translation>%1 time(s)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="359"/>
        <source>Producing the problem notice…</source>
        <translation>Producing the problem notice…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="365"/>
        <source>Problem notice copy %1 produced; reply due %2.</source>
        <translation>Problem notice copy %1 produced; reply due %2.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="400"/>
        <source>Resolved: the chosen fields go back to first and second entry to be keyed again (round %1).</source>
        <translation>Resolved: the chosen fields go back to first and second entry to be keyed again (round %1).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="403"/>
        <source>Resolved: the case passed the rules again and moved on to %1.</source>
        <translation>Resolved: the case passed the rules again and moved on to %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="406"/>
        <source>Reply recorded.</source>
        <translation>Reply recorded.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="406"/>
        <source>Case withdrawn.</source>
        <translation>Case withdrawn.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="407"/>
        <source>Problem case reopened.</source>
        <translation>Problem case reopened.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="407"/>
        <source>Problem case raised.</source>
        <translation>Problem case raised.</translation>
    </message>
</context>
<context>
    <name>ProblemQueueWidget</name>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="92"/>
        <source>Active (not closed)</source>
        <translation>Active (not closed)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="95"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="97"/>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="101"/>
        <source>Case or problem number</source>
        <translation>Case or problem number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="106"/>
        <source>Look &amp;up:</source>
        <translation>Look &amp;up:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Problem no.</source>
        <translation>Problem no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Case no.</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <location filename="../../desk_app/ui/problem_queue.py" line="141"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Left (working time)</source>
        <translation>Left (working time)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Mark</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="143"/>
        <source>Rule/problem code</source>
        <translation>Rule/problem code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="145"/>
        <source>Where active problem cases come from</source>
        <translation>Where active problem cases come from</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="147"/>
        <source>By agent</source>
        <translation>By agent</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="149"/>
        <source>By rule</source>
        <translation>By rule</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="176"/>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="224"/>
        <source>No notice yet</source>
        <translation>No notice yet</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="244"/>
        <source>%1 active, %2 in all</source>
        <translation>%1 active, %2 in all</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="276"/>
        <source>%1 cases: %2 overdue, %3 due soon</source>
        <translation>%1 cases: %2 overdue, %3 due soon</translation>
    </message>
</context>
<context>
    <name>RaiseDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="204"/>
        <source>Raise a problem case by hand: %1</source>
        <translation>Raise a problem case by hand: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="204"/>
        <source>Submi&amp;t</source>
        <translation>Submi&amp;t</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="207"/>
        <source>MANUAL raised by hand</source>
        <translation>MANUAL raised by hand</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="212"/>
        <source>What the agent is to correct</source>
        <translation>What the agent is to correct</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="215"/>
        <source>(no field)</source>
        <translation>(no field)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="218"/>
        <source>Add &amp;item</source>
        <translation>Add &amp;item</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="224"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="224"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="224"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="226"/>
        <source>Re&amp;move selected</source>
        <translation>Re&amp;move selected</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="229"/>
        <source>Code (&amp;K):</source>
        <translation>Code (&amp;K):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="230"/>
        <source>D&amp;escription:</source>
        <translation>D&amp;escription:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="231"/>
        <source>Field (&amp;Z):</source>
        <translation>Field (&amp;Z):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="238"/>
        <source>Wh&amp;y:</source>
        <translation>Wh&amp;y:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="238"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="253"/>
        <source>First write what this item asks the agent to correct.</source>
        <translation>First write what this item asks the agent to correct.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="116"/>
        <source>Withdraw %1</source>
        <translation>Withdraw %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="116"/>
        <source>&amp;Withdraw</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="117"/>
        <source>Withdrawing ends the case and closes the problem case.</source>
        <translation>Withdrawing ends the case and closes the problem case.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="119"/>
        <source>Reopen %1</source>
        <translation>Reopen %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="119"/>
        <source>Reopen (&amp;B)</source>
        <translation>Reopen (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="121"/>
        <source>The problem case&apos;s items are opened again; a case that has moved on comes back to problem cases.</source>
        <translation>The problem case&apos;s items are opened again; a case that has moved on comes back to problem cases.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="125"/>
        <source>Wh&amp;y:</source>
        <translation>Wh&amp;y:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="125"/>
        <source>Required</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>ReceiptArchiveWidget</name>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="138"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Case no.</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Policy no.</source>
        <translation>Policy no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="138"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="80"/>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="80"/>
        <source>Mark</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="83"/>
        <source>R&amp;eceipt received</source>
        <translation>R&amp;eceipt received</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="84"/>
        <source>The selected case&apos;s signed receipt came back (by hand)</source>
        <translation>The selected case&apos;s signed receipt came back (by hand)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="86"/>
        <source>Scan receipt files… (&amp;Q)</source>
        <translation>Scan receipt files… (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="87"/>
        <source>Images or PDFs of signed receipts, matched by their QR code</source>
        <translation>Images or PDFs of signed receipts, matched by their QR code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="93"/>
        <source>Waiting for the signed receipt</source>
        <translation>Waiting for the signed receipt</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="102"/>
        <source>Case, proposal or policy no.</source>
        <translation>Case, proposal or policy no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="105"/>
        <source>C&amp;ase:</source>
        <translation>C&amp;ase:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="112"/>
        <source>e.g. 2026-12-001</source>
        <translation>e.g. 2026-12-001</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="115"/>
        <source>&amp;Box:</source>
        <translation>&amp;Box:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="121"/>
        <source>Pos&amp;ition:</source>
        <translation>Pos&amp;ition:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="123"/>
        <source>Arc&amp;hive</source>
        <translation>Arc&amp;hive</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="126"/>
        <source>Bo&amp;x list…</source>
        <translation>Bo&amp;x list…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="127"/>
        <source>The archive list of the box, to print or save as PDF</source>
        <translation>The archive list of the box, to print or save as PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="138"/>
        <source>Receipted</source>
        <translation>Receipted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Pos.</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="144"/>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="148"/>
        <source>Receipted, to archive (Enter picks):</source>
        <translation>Receipted, to archive (Enter picks):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="150"/>
        <source>In the box:</source>
        <translation>In the box:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="197"/>
        <source>%1 days since printing</source>
        <translation>%1 days since printing</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="213"/>
        <source>%1 waiting: %2 overdue (19 days), %3 warning (15 days)</source>
        <translation>%1 waiting: %2 overdue (19 days), %3 warning (15 days)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="250"/>
        <source>Signed receipts</source>
        <translation>Signed receipts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="251"/>
        <source>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="256"/>
        <source>Reading %1 files…</source>
        <translation>Reading %1 files…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="262"/>
        <source>Receipt taken in: %1</source>
        <translation>Receipt taken in: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="263"/>
        <source>No receipt was recognised in those files.</source>
        <translation>No receipt was recognised in those files.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="287"/>
        <source>Found: %1</source>
        <translation>Found: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="307"/>
        <source>In box %1: %2 files</source>
        <translation>In box %1: %2 files</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="322"/>
        <source>Type or scan the case to archive first.</source>
        <translation>Type or scan the case to archive first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="326"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="347"/>
        <source>Type the box number first.</source>
        <translation>Type the box number first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="332"/>
        <source>%1 archived in box %2 at position %3.</source>
        <translation>%1 archived in box %2 at position %3.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="352"/>
        <source>Archive list of box %1</source>
        <translation>Archive list of box %1</translation>
    </message>
</context>
<context>
    <name>ReconcileWindow</name>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="104"/>
        <location filename="../../desk_app/ui/reconcile_window.py" line="220"/>
        <source>No case open</source>
        <translation>No case open</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="122"/>
        <source>[1] First entry</source>
        <translation>[1] First entry</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="123"/>
        <source>[2] Second entry</source>
        <translation>[2] Second entry</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="129"/>
        <source>Key the value from the image, Enter takes it</source>
        <translation>Key the value from the image, Enter takes it</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="133"/>
        <source>Why (optional)</source>
        <translation>Why (optional)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="135"/>
        <source>[&amp;3] Third value:</source>
        <translation>[&amp;3] Third value:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="137"/>
        <source>&amp;Note (F2):</source>
        <translation>&amp;Note (F2):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="144"/>
        <source>1 / 2 pick that entry, 3 keys a third value, Up/Down move, F8 records the decisions.</source>
        <translation>1 / 2 pick that entry, 3 keys a third value, Up/Down move, F8 records the decisions.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="148"/>
        <source>&amp;Record decisions (F8)</source>
        <translation>&amp;Record decisions (F8)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="201"/>
        <source>No case is waiting for reconciliation.</source>
        <translation>No case is waiting for reconciliation.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="229"/>
        <source>Case %1, round %2</source>
        <translation>Case %1, round %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="231"/>
        <source>[1] First entry: %1</source>
        <translation>[1] First entry: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="232"/>
        <source>[2] Second entry: %1</source>
        <translation>[2] Second entry: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="241"/>
        <source>%1 fields differ.</source>
        <translation>%1 fields differ.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="242"/>
        <source>No field waits for a decision.</source>
        <translation>No field waits for a decision.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="286"/>
        <source>passes the checks</source>
        <translation>passes the checks</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="313"/>
        <source>Every field is decided: F8 records the decisions.</source>
        <translation>Every field is decided: F8 records the decisions.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="357"/>
        <source>Pick 1, 2 or key a third value for at least one field first.</source>
        <translation>Pick 1, 2 or key a third value for at least one field first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="371"/>
        <source>Case %1 settled: every field decided.</source>
        <translation>Case %1 settled: every field decided.</translation>
    </message>
</context>
<context>
    <name>ReferDialog</name>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="39"/>
        <source>Refer case %1 to head office</source>
        <translation>Refer case %1 to head office</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="39"/>
        <source>Refer to &amp;head office</source>
        <translation>Refer to &amp;head office</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="47"/>
        <source>The case goes to the provincial office with its referral packet (the case, its rule results and issues, and its page images).</source>
        <translation>The case goes to the provincial office with its referral packet (the case, its rule results and issues, and its page images).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="51"/>
        <source>Rea&amp;son:</source>
        <translation>Rea&amp;son:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="51"/>
        <source>Required</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="139"/>
        <source>Record reply %1</source>
        <translation>Record reply %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="139"/>
        <source>Re&amp;gister</source>
        <translation>Re&amp;gister</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="142"/>
        <source>A scanned reply page registers itself by the notice&apos;s QR code; record a phone or spoken reply here.</source>
        <translation>A scanned reply page registers itself by the notice&apos;s QR code; record a phone or spoken reply here.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="144"/>
        <source>Repl&amp;y:</source>
        <translation>Repl&amp;y:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="144"/>
        <source>e.g. the agent phoned: the premium total should be 12,600.00 yuan</source>
        <translation>e.g. the agent phoned: the premium total should be 12,600.00 yuan</translation>
    </message>
</context>
<context>
    <name>ReprintApprovalDialog</name>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="74"/>
        <source>Reprint requests waiting for approval</source>
        <translation>Reprint requests waiting for approval</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Case no.</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Policy no.</source>
        <translation>Policy no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Asked by</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="76"/>
        <source>Asked at</source>
        <translation>Asked at</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="79"/>
        <source>Note (required to refuse)</source>
        <translation>Note (required to refuse)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="80"/>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="82"/>
        <source>&amp;Approve</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="84"/>
        <source>Ref&amp;use</source>
        <translation>Ref&amp;use</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="86"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="127"/>
        <source>No reprint request is waiting.</source>
        <translation>No reprint request is waiting.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="145"/>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="145"/>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="147"/>
        <source>Reprint of %1 %2.</source>
        <translation>Reprint of %1 %2.</translation>
    </message>
</context>
<context>
    <name>ReprintRequestDialog</name>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="50"/>
        <source>Request a reprint of %1</source>
        <translation>Request a reprint of %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="51"/>
        <source>&amp;Request</source>
        <translation>&amp;Request</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="52"/>
        <source>A reprint is marked as a copy on every page and prints only after a supervisor approves it. The earlier print becomes invalid.</source>
        <translation>A reprint is marked as a copy on every page and prints only after a supervisor approves it. The earlier print becomes invalid.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="56"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="56"/>
        <source>e.g. the customer&apos;s copy was damaged</source>
        <translation>e.g. the customer&apos;s copy was damaged</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="157"/>
        <source>Resolve %1</source>
        <translation>Resolve %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="157"/>
        <source>Resolve (&amp;J)</source>
        <translation>Resolve (&amp;J)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="171"/>
        <source>Fie&amp;lds to key again:</source>
        <translation>Fie&amp;lds to key again:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="175"/>
        <source>Space ticks a field; with no field ticked the rules check the case again at once.</source>
        <translation>Space ticks a field; with no field ticked the rules check the case again at once.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="178"/>
        <source>Wh&amp;y:</source>
        <translation>Wh&amp;y:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="178"/>
        <source>Required, e.g. the agent&apos;s reply corrects the premium</source>
        <translation>Required, e.g. the agent&apos;s reply corrects the premium</translation>
    </message>
</context>
<context>
    <name>RuleResultsDialog</name>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="136"/>
        <source>Rule check results %1</source>
        <translation>Rule check results %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="141"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="147"/>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
</context>
<context>
    <name>RuleResultsPanel</name>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="72"/>
        <source>Not checked yet.</source>
        <translation>Not checked yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Fields</source>
        <translation>Fields</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="97"/>
        <source>The rules have not been run on this case yet.</source>
        <translation>The rules have not been run on this case yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="99"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="99"/>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="101"/>
        <source>Check %1, %2: %3 (%4 blocking, %5 warnings; rules version %6)</source>
        <translation>Check %1, %2: %3 (%4 blocking, %5 warnings; rules version %6)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="111"/>
        <source>Blocking</source>
        <translation>Blocking</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="111"/>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>ScanWindow</name>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="42"/>
        <source>Scan or import a batch. Keys 1–9 set the document type, Delete removes.</source>
        <translation>Scan or import a batch. Keys 1–9 set the document type, Delete removes.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="55"/>
        <source>Fi&amp;t</source>
        <translation>Fi&amp;t</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="55"/>
        <source>&amp;Zoom in</source>
        <translation>&amp;Zoom in</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="56"/>
        <source>Zoom &amp;out</source>
        <translation>Zoom &amp;out</translation>
    </message>
</context>
<context>
    <name>StartupController</name>
    <message>
        <location filename="../../desk_app/ui/app.py" line="229"/>
        <source>This computer&apos;s database has no branch yet.

To try BranchDesk with demonstration data, run:
    desk-app demo
To set up a real branch, run:
    desk-app init --branch CODE --branch-name NAME --admin USER

Database: %1</source>
        <translation>This computer&apos;s database has no branch yet.

To try BranchDesk with demonstration data, run:
    desk-app demo
To set up a real branch, run:
    desk-app init --branch CODE --branch-name NAME --admin USER

Database: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/app.py" line="210"/>
        <source>The database has been encrypted. Write down this recovery key and keep it somewhere safe: if this computer&apos;s key store is lost, only this key opens the data.

%1</source>
        <translation>The database has been encrypted. Write down this recovery key and keep it somewhere safe: if this computer&apos;s key store is lost, only this key opens the data.

%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/app.py" line="237"/>
        <source>The database cannot be opened.

%1</source>
        <translation>The database cannot be opened.

%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/app.py" line="209"/>
        <location filename="../../desk_app/ui/app.py" line="245"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
</context>
<context>
    <name>StationeryDialog</name>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="45"/>
        <source>Stationery</source>
        <translation>Stationery</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="49"/>
        <source>Receive batch from head office</source>
        <translation>Receive batch from head office</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="50"/>
        <source>Issue range</source>
        <translation>Issue range</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="50"/>
        <source>Void range</source>
        <translation>Void range</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="51"/>
        <source>Report range lost</source>
        <translation>Report range lost</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="51"/>
        <source>Destroy range</source>
        <translation>Destroy range</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="57"/>
        <source>agent code, or * for the branch counter</source>
        <translation>agent code, or * for the branch counter</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="59"/>
        <source>Action:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="60"/>
        <source>First number:</source>
        <translation>First number:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="61"/>
        <source>Last number:</source>
        <translation>Last number:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="62"/>
        <source>Batch no.:</source>
        <translation>Batch no.:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="63"/>
        <source>Issue to:</source>
        <translation>Issue to:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="64"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="66"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="72"/>
        <source>Range action</source>
        <translation>Range action</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="81"/>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="92"/>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="81"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="81"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="82"/>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="83"/>
        <source>Issued and unused, by holder</source>
        <translation>Issued and unused, by holder</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="89"/>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="92"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="92"/>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="93"/>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="94"/>
        <source>Issued but unused for more than</source>
        <translation>Issued but unused for more than</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="125"/>
        <source>Done: %1 numbers, %2 to %3.</source>
        <translation>Done: %1 numbers, %2 to %3.</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="22"/>
        <source>Sync with head office</source>
        <translation>Sync with head office</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="24"/>
        <source>Ready to sync</source>
        <translation>Ready to sync</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="29"/>
        <source>Start sync</source>
        <translation>Start sync</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="44"/>
        <source>Uploading changes</source>
        <translation>Uploading changes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="46"/>
        <source>Downloading changes</source>
        <translation>Downloading changes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="48"/>
        <source>Transferring page images</source>
        <translation>Transferring page images</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="58"/>
        <source>%1: %2 / %3</source>
        <translation>%1: %2 / %3</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="67"/>
        <source>Sync complete</source>
        <translation>Sync complete</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="68"/>
        <source>Uploaded %1 changes, downloaded %2; page images uploaded %3, downloaded %4</source>
        <translation>Uploaded %1 changes, downloaded %2; page images uploaded %3, downloaded %4</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="72"/>
        <source>; %1 changes conflicted with another organisation and are kept in the conflict inbox</source>
        <translation>; %1 changes conflicted with another organisation and are kept in the conflict inbox</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="74"/>
        <source>.</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="80"/>
        <source>Sync not completed</source>
        <translation>Sync not completed</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="29"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="30"/>
        <source>Sync…</source>
        <translation>Sync…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="32"/>
        <source>Enrol with head office…</source>
        <translation>Enrol with head office…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="38"/>
        <source>Conflict inbox…</source>
        <translation>Conflict inbox…</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="114"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="124"/>
        <source>To upload: …</source>
        <translation>To upload: …</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="125"/>
        <source>Last sync: …</source>
        <translation>Last sync: …</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="129"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="142"/>
        <source>To upload: %1</source>
        <translation>To upload: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="144"/>
        <source>Not enrolled with head office</source>
        <translation>Not enrolled with head office</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="146"/>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="148"/>
        <location filename="../../desk_app/ui/sync_status.py" line="163"/>
        <source>Sync failed: %1</source>
        <translation>Sync failed: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="151"/>
        <source> (%1 conflicts to read)</source>
        <translation> (%1 conflicts to read)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="156"/>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
</context>
<context>
    <name>UnderwritingWidget</name>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>Facts</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="221"/>
        <source>Your limit</source>
        <translation>Your limit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="221"/>
        <source>Authority</source>
        <translation>Authority</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="221"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="230"/>
        <source>&amp;Issues</source>
        <translation>&amp;Issues</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="233"/>
        <source>Rule chec&amp;ks</source>
        <translation>Rule chec&amp;ks</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="273"/>
        <source>Select a case in the underwriting queue and press Enter.</source>
        <translation>Select a case in the underwriting queue and press Enter.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="315"/>
        <source>Opening the case…</source>
        <translation>Opening the case…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="395"/>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="407"/>
        <source>any amount</source>
        <translation>any amount</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="408"/>
        <source>not granted</source>
        <translation>not granted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="409"/>
        <location filename="../../desk_app/ui/uw_window.py" line="429"/>
        <source>within</source>
        <translation>within</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="409"/>
        <location filename="../../desk_app/ui/uw_window.py" line="429"/>
        <source>above</source>
        <translation>above</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="426"/>
        <source>the case</source>
        <translation>the case</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="442"/>
        <source>Issued under policy %1.</source>
        <translation>Issued under policy %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="444"/>
        <source>This case is not waiting for your decision (%1).</source>
        <translation>This case is not waiting for your decision (%1).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="449"/>
        <source>%1 open issues, %2 above your authority.</source>
        <translation>%1 open issues, %2 above your authority.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="454"/>
        <source>%1, authority level %2</source>
        <translation>%1, authority level %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="457"/>
        <source> %1: total sum insured up to %2</source>
        <translation> %1: total sum insured up to %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="474"/>
        <source>Pick a decision first (Alt and its underlined letter).</source>
        <translation>Pick a decision first (Alt and its underlined letter).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="478"/>
        <source>Recording the decision…</source>
        <translation>Recording the decision…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="487"/>
        <source>Decided: %1; the case is now %2.</source>
        <translation>Decided: %1; the case is now %2.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="490"/>
        <source>Policy number %1.</source>
        <translation>Policy number %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="528"/>
        <source>Referred to the provincial office; the case is now %1.</source>
        <translation>Referred to the provincial office; the case is now %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="535"/>
        <source>Reading the referral packet…</source>
        <translation>Reading the referral packet…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="541"/>
        <source>Referral packet of %1 pages.</source>
        <translation>Referral packet of %1 pages.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="42"/>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="44"/>
        <source>The window was locked after a period without use. Enter the password of %1 to continue.</source>
        <translation>The window was locked after a period without use. Enter the password of %1 to continue.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="54"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>UnmaskDialog</name>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="22"/>
        <source>View in full</source>
        <translation>View in full</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="25"/>
        <source>Viewing %1 in full is recorded with your name and reason.</source>
        <translation>Viewing %1 in full is recorded with your name and reason.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="28"/>
        <source>Reason, e.g. telephone call-back to the customer</source>
        <translation>Reason, e.g. telephone call-back to the customer</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="40"/>
        <source>Show</source>
        <translation>Show</translation>
    </message>
</context>
<context>
    <name>VerifyWidget</name>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="64"/>
        <source>Scan the QR code of a contract page (or type its text)</source>
        <translation>Scan the QR code of a contract page (or type its text)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="66"/>
        <source>QR te&amp;xt:</source>
        <translation>QR te&amp;xt:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="68"/>
        <source>Open i&amp;mage or PDF…</source>
        <translation>Open i&amp;mage or PDF…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="94"/>
        <source>Which page</source>
        <translation>Which page</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="96"/>
        <source>Policy no.:</source>
        <translation>Policy no.:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="96"/>
        <source>Case no.:</source>
        <translation>Case no.:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="97"/>
        <source>Applicant:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="97"/>
        <source>Page:</source>
        <translation>Page:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="98"/>
        <source>Print:</source>
        <translation>Print:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="98"/>
        <source>Latest print:</source>
        <translation>Latest print:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="99"/>
        <source>Printed:</source>
        <translation>Printed:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="111"/>
        <source>Checked so far</source>
        <translation>Checked so far</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="128"/>
        <source>Scan a page</source>
        <translation>Scan a page</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="129"/>
        <source>The answer comes from this branch&apos;s records, without the network.</source>
        <translation>The answer comes from this branch&apos;s records, without the network.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="139"/>
        <source>Open a contract page</source>
        <translation>Open a contract page</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="140"/>
        <source>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="151"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="183"/>
        <source>Original (print 1)</source>
        <translation>Original (print 1)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="183"/>
        <source>Copy, print %1</source>
        <translation>Copy, print %1</translation>
    </message>
</context>
</TS>
