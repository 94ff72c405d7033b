<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="58"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="92"/>
        <source>Working…</source>
        <translation>正在办理…</translation>
    </message>
</context>
<context>
    <name>AuthorityDialog</name>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="47"/>
        <source>Underwriting authority</source>
        <translation>核保权限</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="48"/>
        <source>Levels and their limits come from head office; here they are given to the branch&apos;s underwriters.</source>
        <translation>权限级别及其限额由总公司制定，在此授予本机构的核保员。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="57"/>
        <source>Level</source>
        <translation>权限级别</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="68"/>
        <source>&amp;Level:</source>
        <translation>权限级别(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="70"/>
        <source>&amp;Assign</source>
        <translation>授予(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="74"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="109"/>
        <source>0 — no authority</source>
        <translation>0 — 无核保权限</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="111"/>
        <source>%1 — %2, up to %3</source>
        <translation>%1 — %2，上限 %3</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="155"/>
        <source>No underwriting decision at this level; every case is referred.</source>
        <translation>此级别不能作核保决定，案件一律上报。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="159"/>
        <source>May approve: %1</source>
        <translation>可核准：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_authority.py" line="174"/>
        <source>%1 now has authority level %2.</source>
        <translation>%1 的核保权限已设为 %2。</translation>
    </message>
</context>
<context>
    <name>BatchPanel</name>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="37"/>
        <source>&amp;Batches</source>
        <translation>批次(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="59"/>
        <source>Unindexed pages (%1)</source>
        <translation>未索引页面（%1）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="78"/>
        <source>Files</source>
        <translation>文件导入</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="78"/>
        <source>Hot folder</source>
        <translation>热文件夹</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="78"/>
        <source>Document camera</source>
        <translation>高拍仪</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="82"/>
        <source>%1 page(s)</source>
        <translation>%1 页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_batches.py" line="84"/>
        <source>%1 unindexed</source>
        <translation>%1 页未索引</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="69"/>
        <source>Document camera</source>
        <translation>高拍仪</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="87"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="92"/>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="96"/>
        <source>No picture yet. Press Start.</source>
        <translation>尚无画面。请按“开始”。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="107"/>
        <source>&amp;Keep as batch</source>
        <translation>保存为批次(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="131"/>
        <source>Opening the camera…</source>
        <translation>正在打开高拍仪…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="178"/>
        <source>Moving…</source>
        <translation>画面移动中…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="178"/>
        <source>Still</source>
        <translation>画面静止</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="179"/>
        <source>%1 page(s) captured</source>
        <translation>已拍摄 %1 页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="183"/>
        <source>The camera stopped. %1 page(s) captured.</source>
        <translation>高拍仪已停止。已拍摄 %1 页。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_camera.py" line="212"/>
        <source>Finishing the captured pages…</source>
        <translation>正在处理已拍摄的页面…</translation>
    </message>
</context>
<context>
    <name>CaseFacts</name>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="116"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="123"/>
        <source>Applicant:</source>
        <translation>投保人：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="123"/>
        <source>Industry:</source>
        <translation>行业类别：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="124"/>
        <source>Occupation class:</source>
        <translation>职业类别：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="124"/>
        <source>Source:</source>
        <translation>业务来源：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="124"/>
        <source>Agent:</source>
        <translation>业务员：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="125"/>
        <source>Insured:</source>
        <translation>被保险人：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="125"/>
        <source>Sum / premium:</source>
        <translation>保额 / 保费：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="125"/>
        <source>Proposed → effective:</source>
        <translation>投保 → 生效：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="126"/>
        <source>Special terms:</source>
        <translation>特别约定：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="126"/>
        <source>Decided so far:</source>
        <translation>已有结论：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Product</source>
        <translation>险种</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Sum insured</source>
        <translation>保额</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="134"/>
        <source>Premium</source>
        <translation>保费</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="158"/>
        <source>%1 persons</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="160"/>
        <source>%1 → %2, %3 months</source>
        <translation>%1 → %2，%3 个月</translation>
    </message>
</context>
<context>
    <name>CaseLine</name>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="28"/>
        <source>No pages here.</source>
        <translation>此处没有页面。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="30"/>
        <source>This page has no case yet: type its case or proposal number below and press Enter.</source>
        <translation>该页尚未归入案件：请在下方输入案件号或投保单号并按回车。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="40"/>
        <source>%1 %2 p.</source>
        <translation>%1 %2 页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="41"/>
        <source>no typed pages</source>
        <translation>尚无已分类页面</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="42"/>
        <source>Case %1: %2.</source>
        <translation>案件 %1：%2。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="44"/>
        <source>Missing: %1.</source>
        <translation>缺少：%1。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="46"/>
        <source>Short: %1 has %2 of %3 pages.</source>
        <translation>页数不足：%1 已扫描 %2 页，应有 %3 页。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="49"/>
        <source>No seal: %1 page %2.</source>
        <translation>缺章：%1 第 %2 页。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="52"/>
        <source>Required documents complete.</source>
        <translation>必需单证齐全。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_case_line.py" line="54"/>
        <source>Required documents present.</source>
        <translation>必需单证已齐，但有问题待处理。</translation>
    </message>
</context>
<context>
    <name>CaseQueueTableModel</name>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Case no.</source>
        <translation>案件号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Proposal no.</source>
        <translation>投保单号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Applicant</source>
        <translation>投保单位</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="82"/>
        <source>Business type</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="83"/>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="83"/>
        <source>Waiting (working h)</source>
        <translation>等待(工时)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/queue_model.py" line="83"/>
        <location filename="../../desk_app/ui/queue_model.py" line="86"/>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
</context>
<context>
    <name>CaseViewWidget</name>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="76"/>
        <source>Double-click a case, or select it and press Enter, to open it.</source>
        <translation>双击案件，或选中后按回车键，即可在此查看。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="99"/>
        <source>Rule chec&amp;k results</source>
        <translation>校验结果(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="101"/>
        <source>Results of the latest rule check: why the case stopped (F7)</source>
        <translation>最近一次校验规则的结果：案件为何停下（F7）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="110"/>
        <source>Proposal</source>
        <translation>投保信息</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="116"/>
        <source>Proposal no.:</source>
        <translation>投保单号：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="117"/>
        <source>Business type:</source>
        <translation>业务类型：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="118"/>
        <source>Applicant:</source>
        <translation>投保单位：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="119"/>
        <source>Unified credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="120"/>
        <source>Industry:</source>
        <translation>行业类别：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="121"/>
        <source>Business source:</source>
        <translation>业务来源：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="122"/>
        <source>Intermediary:</source>
        <translation>中介机构：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="123"/>
        <source>Agent:</source>
        <translation>业务员：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="124"/>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="125"/>
        <source>ID number:</source>
        <translation>证件号码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="126"/>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="127"/>
        <source>Bank account:</source>
        <translation>银行账号：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="128"/>
        <source>Insured persons:</source>
        <translation>被保险人数：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="129"/>
        <source>Total sum insured:</source>
        <translation>总保额：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="130"/>
        <source>Total premium:</source>
        <translation>总保费：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="131"/>
        <source>Term:</source>
        <translation>保险期间：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="132"/>
        <source>Proposal date:</source>
        <translation>投保日期：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="133"/>
        <source>Effective date:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="134"/>
        <source>In this stage since:</source>
        <translation>进入本环节：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="135"/>
        <source>Special agreements:</source>
        <translation>特别约定：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="145"/>
        <source>Show</source>
        <translation>查看完整</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="165"/>
        <source>Products</source>
        <translation>险种</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="168"/>
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="175"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="206"/>
        <source>Opening the case…</source>
        <translation>正在打开案件…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="210"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="221"/>
        <source> (commission %1)</source>
        <translation>（手续费 %1）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="227"/>
        <source>%1 months</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/case_view.py" line="238"/>
        <source>%1, level %2: sum insured %3, premium %4</source>
        <translation>%1 保障等级 %2：保额 %3，保费 %4</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="22"/>
        <location filename="../../desk_app/ui/password_dialog.py" line="44"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="25"/>
        <source>This account still has its initial password. Choose your own before you start.</source>
        <translation>该账户仍在使用初始密码，开始工作前请设置您自己的密码。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="26"/>
        <source>Choose a new password.</source>
        <translation>请设置新密码。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="33"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="34"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="35"/>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="46"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="46"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/password_dialog.py" line="60"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ConflictInboxDialog</name>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="35"/>
        <source>Conflict inbox</source>
        <translation>冲突收件箱</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Record</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="38"/>
        <source>Change not taken</source>
        <translation>未采用的修改</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="39"/>
        <source>Change taken</source>
        <translation>采用的修改</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="45"/>
        <source>No conflicts to read.</source>
        <translation>没有待查看的冲突。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="46"/>
        <source>Mark as read</source>
        <translation>标记为已读</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/conflict_inbox.py" line="50"/>
        <source>When two places change the same record at once, one change is taken by the rules of docs/sync.md; the other is kept here and is not lost.</source>
        <translation>两处同时修改同一数据时，按 docs/sync.md 的规则采用一方；另一方的修改保存在这里，不会丢失。</translation>
    </message>
</context>
<context>
    <name>ContractWindow</name>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="125"/>
        <source>Waiting to print (issued)</source>
        <translation>待打印（已承保）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="126"/>
        <source>Printed (for a reprint)</source>
        <translation>已打印（供重印）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="128"/>
        <source>Sho&amp;w:</source>
        <translation>显示(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="137"/>
        <source>Case no.</source>
        <translation>案件号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="137"/>
        <source>Policy no.</source>
        <translation>保单号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="137"/>
        <source>Applicant</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="138"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="138"/>
        <source>Prints</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="143"/>
        <location filename="../../desk_app/ui/contract_window.py" line="391"/>
        <source>Print tic&amp;ked</source>
        <translation>打印已勾选(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="145"/>
        <source>Print every ticked case (Space ticks; Ctrl+B)</source>
        <translation>打印所有已勾选的案件（空格勾选；Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="159"/>
        <source>Batch</source>
        <translation>批量打印</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="172"/>
        <source>Choose a case to see its contract.</source>
        <translation>选择案件即可查看其合同。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="176"/>
        <location filename="../../desk_app/ui/contract_window.py" line="383"/>
        <source>Pr&amp;int…</source>
        <translation>打印(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="178"/>
        <source>Choose the printer and copies, then print (Ctrl+P)</source>
        <translation>选择打印机和份数后打印（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="180"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="181"/>
        <source>Record the print and save it as a PDF file (Ctrl+S)</source>
        <translation>记录本次打印并另存为 PDF 文件（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="183"/>
        <source>Re&amp;quest reprint…</source>
        <translation>申请重印(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>Print</source>
        <translation>版次</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>By</source>
        <translation>打印人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="192"/>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Reason</source>
        <translation>重印原因</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="193"/>
        <source>Valid</source>
        <translation>有效性</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="196"/>
        <source>Print log</source>
        <translation>打印日志</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="272"/>
        <source>Space ticks the case for a batch</source>
        <translation>按空格勾选，加入批量打印</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="282"/>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="290"/>
        <source>No case here.</source>
        <translation>此处没有案件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="321"/>
        <source>%1 — %2 — policy %3</source>
        <translation>%1 — %2 — 保单号 %3</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="323"/>
        <source>Drawing the contract…</source>
        <translation>正在生成合同…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="354"/>
        <location filename="../../desk_app/ui/contract_window.py" line="436"/>
        <source>Original</source>
        <translation>正本</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="354"/>
        <location filename="../../desk_app/ui/contract_window.py" line="437"/>
        <source>Copy %1</source>
        <translation>副本 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="356"/>
        <source>Current</source>
        <translation>当前有效</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="356"/>
        <source>Superseded</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="357"/>
        <source>%1; reprint approved by %2</source>
        <translation>%1；重印由 %2 批准</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="361"/>
        <source>PDF file</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="383"/>
        <source>Repr&amp;int…</source>
        <translation>重印(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="390"/>
        <source>Print tic&amp;ked (%1)</source>
        <translation>打印已勾选(&amp;K)（%1）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="399"/>
        <source>Reprint contract %1</source>
        <translation>重印合同 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="399"/>
        <source>Print contract %1</source>
        <translation>打印合同 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="410"/>
        <source>Save the contract as PDF</source>
        <translation>将合同另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="411"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="427"/>
        <source>Recording the print…</source>
        <translation>正在记录打印…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="434"/>
        <source>The print was recorded but could not be written: %1</source>
        <translation>打印已记录，但未能输出：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="438"/>
        <source>%1 of %2 printed (%3 pages) to %4</source>
        <translation>%2 的 %1 已打印（%3 页），送至 %4</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="456"/>
        <source>Reprint requested; it prints once a supervisor approves it.</source>
        <translation>已申请重印，经业务主管批准后方可打印。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="500"/>
        <source>Print %1 contracts</source>
        <translation>打印 %1 份合同</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="501"/>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="510"/>
        <source>Printing %1 contracts…</source>
        <translation>正在打印 %1 份合同…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="541"/>
        <source>%1 failed: %2</source>
        <translation>%1 打印失败：%2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="544"/>
        <source>%1 printed</source>
        <translation>%1 已打印</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_window.py" line="558"/>
        <source>Batch finished: %1 printed, %2 failed.</source>
        <translation>批量打印完成：已打印 %1 件，失败 %2 件。</translation>
    </message>
</context>
<context>
    <name>DbWorker</name>
    <message>
        <location filename="../../desk_app/ui/worker.py" line="42"/>
        <source>An unexpected error occurred. The details were written to the log; please tell the system administrator.</source>
        <translation>程序发生意外错误，详细信息已写入日志，请联系系统管理员。</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="47"/>
        <source>Decision</source>
        <translation>核保结论</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="56"/>
        <source>&amp;Standard terms</source>
        <translation>标准承保(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="57"/>
        <source>&amp;Sign off (approve)</source>
        <translation>核保通过(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="58"/>
        <source>Extra premium (&amp;G)</source>
        <translation>加费承保(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="59"/>
        <source>E&amp;xclusion</source>
        <translation>除外承保(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="60"/>
        <source>Pos&amp;tpone</source>
        <translation>延期(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="61"/>
        <source>D&amp;ecline</source>
        <translation>拒保(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="78"/>
        <source>Extra premium:</source>
        <translation>加费比例：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="81"/>
        <source>What is excluded, as the policy will say it</source>
        <translation>除外内容，按保单上的表述填写</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="82"/>
        <source>Exclusion:</source>
        <translation>除外内容：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="92"/>
        <source>Why: every decision names its reason</source>
        <translation>每个核保结论都须写明原因</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="93"/>
        <source>Re&amp;ason:</source>
        <translation>原因(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="95"/>
        <source>Confir&amp;m decision (F8)</source>
        <translation>确认结论(&amp;M)（F8）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="99"/>
        <source>Refer to &amp;head office…</source>
        <translation>上报省公司(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_decision.py" line="103"/>
        <source>Referral packet (&amp;W)…</source>
        <translation>上报材料(&amp;W)…</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="26"/>
        <source>Enrol with head office</source>
        <translation>注册到总公司</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="33"/>
        <source>Enter the server address and the one-time enrolment code head office gave you.</source>
        <translation>请输入总公司提供的服务器地址和一次性注册码。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="37"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="38"/>
        <source>Enrolment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="40"/>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="51"/>
        <source>Both the server address and the enrolment code are required.</source>
        <translation>服务器地址和注册码都必须填写。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="54"/>
        <source>Enrolling…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/enrol_dialog.py" line="64"/>
        <source>Enrolled with: %1 %2</source>
        <translation>已注册到：%1 %2</translation>
    </message>
</context>
<context>
    <name>EntryWindow</name>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="92"/>
        <location filename="../../desk_app/ui/entry_window.py" line="220"/>
        <source>No case open</source>
        <translation>未打开案件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="111"/>
        <source>Press F8 to take the next case.</source>
        <translation>按 F8 取下一件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="123"/>
        <source>&amp;Submit, next case (F8)</source>
        <translation>提交并取下一件(&amp;S)（F8）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="125"/>
        <source>Whole &amp;page (F7)</source>
        <translation>整页(&amp;P)（F7）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="127"/>
        <source>Zoom &amp;in (Ctrl+=)</source>
        <translation>放大(&amp;I)（Ctrl+=）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="129"/>
        <source>Zoom &amp;out (Ctrl+-)</source>
        <translation>缩小(&amp;O)（Ctrl+-）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="168"/>
        <source>Taking the next case…</source>
        <translation>正在取下一件…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="196"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="197"/>
        <source>round %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="225"/>
        <source>No case is waiting for you. Press F8 to look again.</source>
        <translation>暂无待您录入的案件。按 F8 可再次查找。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="274"/>
        <source>This case has no scanned page of its proposal form.</source>
        <translation>本案件没有投保单的扫描页。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="305"/>
        <source>%1 of %2 fields</source>
        <translation>已录 %1 / %2 个字段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="334"/>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="347"/>
        <source>%1 of case %2 submitted.</source>
        <translation>案件 %2 的%1已提交。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="349"/>
        <source>Compared: both entries agree.</source>
        <translation>比对一致：两次录入相同。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_window.py" line="351"/>
        <source>%1 fields differ: sent to reconciliation.</source>
        <translation>%1 个字段有差异，已转差异处理。</translation>
    </message>
</context>
<context>
    <name>FiguresDialog</name>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="51"/>
        <source>Entry operators&apos; figures</source>
        <translation>录入员统计</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="59"/>
        <source>Per &amp;field</source>
        <translation>按字段(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="60"/>
        <source>&amp;Show</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="64"/>
        <source>F&amp;rom:</source>
        <translation>开始日期(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="64"/>
        <source>&amp;To:</source>
        <translation>结束日期(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Operator</source>
        <translation>录入员</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Fields keyed</source>
        <translation>录入字段数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="76"/>
        <source>Keystrokes</source>
        <translation>击键数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Keystrokes/hour</source>
        <translation>每小时击键数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Differences</source>
        <translation>差异数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Kept</source>
        <translation>被采用数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="77"/>
        <source>Kept %</source>
        <translation>采用率</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="88"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="104"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="119"/>
        <source>all fields</source>
        <translation>全部字段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="128"/>
        <source>%1 rows.</source>
        <translation>共 %1 行。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/entry_figures.py" line="129"/>
        <source>No entry work in this period.</source>
        <translation>该期间内没有录入工作。</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="106"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="46"/>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="48"/>
        <source>Document ca&amp;mera…</source>
        <translation>高拍仪(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="51"/>
        <source>Case or proposal number (pages before the first cover sheet)</source>
        <translation>案件号或投保单号（第一张封面页之前的页面）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="53"/>
        <source>%v of %m files</source>
        <translation>%v / %m 个文件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="61"/>
        <source>Import scanned files</source>
        <translation>导入扫描文件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="61"/>
        <source>Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>扫描文件 (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="70"/>
        <source>Processing %1 file(s)…</source>
        <translation>正在处理 %1 个文件…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="107"/>
        <source>%1 page(s) stored.</source>
        <translation>已保存 %1 页。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_import.py" line="109"/>
        <source>%1 blank page(s) set aside (Show deleted lists them).</source>
        <translation>%1 页空白页已移除（勾选“显示已删除”可查看）。</translation>
    </message>
</context>
<context>
    <name>InsuredListDialog</name>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="56"/>
        <source>Insured list %1</source>
        <translation>被保险人清单 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="60"/>
        <source>Path of the .xlsx or .csv file; Enter to read it</source>
        <translation>.xlsx 或 .csv 文件路径，按回车读取</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="62"/>
        <source>&amp;Choose file...</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="68"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="70"/>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="83"/>
        <source>Columns of the file</source>
        <translation>文件各列对应的字段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="90"/>
        <source>First rows</source>
        <translation>前几行</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="94"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="94"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="94"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="95"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="101"/>
        <source>Errors and warnings</source>
        <translation>错误和提示</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="105"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="105"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="105"/>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="106"/>
        <source>Premium</source>
        <translation>保费</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="106"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="107"/>
        <source>Replaced</source>
        <translation>被替换</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="111"/>
        <source>Imported versions</source>
        <translation>已导入的版本</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="117"/>
        <source>&amp;Import (Ctrl+Enter)</source>
        <translation>导入(&amp;I)（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="120"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="152"/>
        <source>Choose the insured list</source>
        <translation>选择被保险人清单</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="153"/>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="170"/>
        <source>Reading the file...</source>
        <translation>正在读取文件……</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="186"/>
        <source>Header found on row %1. Check the field of each column, then import.</source>
        <translation>表头在第 %1 行。请核对每列对应的字段，然后导入。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="204"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="250"/>
        <source>Checking and importing...</source>
        <translation>正在检查并导入……</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="260"/>
        <source>Imported version %1: %2 persons, premium %3 yuan.</source>
        <translation>已导入第 %1 版：%2 人，保费 %3 元。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="266"/>
        <source>%1 errors: nothing was imported. Correct the file and import again.</source>
        <translation>%1 处错误，未导入任何被保险人。请更正文件后重新导入。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="278"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="278"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/insured_dialog.py" line="309"/>
        <source>current</source>
        <translation>当前版本</translation>
    </message>
</context>
<context>
    <name>IntakeWidget</name>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="113"/>
        <source>Scan or type the pre-printed number</source>
        <translation>扫描或输入投保单印刷号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="124"/>
        <source>e.g. 0.05</source>
        <translation>如 0.05</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="130"/>
        <source>Choose the industry</source>
        <translation>请选择行业类别</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="140"/>
        <source>&amp;Add product</source>
        <translation>添加险种(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="153"/>
        <source>Proposal number</source>
        <translation>投保单号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="154"/>
        <source>Business type</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="155"/>
        <source>Business source</source>
        <translation>业务来源</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="156"/>
        <source>Intermediary</source>
        <translation>中介机构</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="157"/>
        <source>Commission ratio</source>
        <translation>手续费比例</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="158"/>
        <source>Agent</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="159"/>
        <source>Applicant unit</source>
        <translation>投保单位</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="160"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="161"/>
        <source>Industry</source>
        <translation>行业类别</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="162"/>
        <source>Insured persons</source>
        <translation>被保险人数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="163"/>
        <source>Effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="169"/>
        <source>Sum insured</source>
        <translation>保额</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="170"/>
        <source>Premium</source>
        <translation>保费</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="178"/>
        <source>C&amp;heck materials</source>
        <translation>检查材料(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="192"/>
        <source>Effective date already passed: confir&amp;med</source>
        <translation>已确认：生效日期已过(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="193"/>
        <source>Not a d&amp;uplicate: confirmed</source>
        <translation>已确认：不是重复投保(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="164"/>
        <source>Product</source>
        <translation>险种</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="165"/>
        <source>Benefit level</source>
        <translation>保障档次</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="175"/>
        <source>Amounts</source>
        <translation>保额 / 保费</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="180"/>
        <source>All rece&amp;ived</source>
        <translation>全部已收(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="183"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="183"/>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="183"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="195"/>
        <source>Return reasons, one per line</source>
        <translation>退件原因，每行一条</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="198"/>
        <source>Acce&amp;pt</source>
        <translation>受理(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="199"/>
        <source>Accept with &amp;deficiencies</source>
        <translation>受理并登记缺件(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="200"/>
        <source>&amp;Return papers</source>
        <translation>退件(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="201"/>
        <source>Prin&amp;t paper</source>
        <translation>打印(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="279"/>
        <source>Sum insured and premium must be amounts in yuan.</source>
        <translation>保额和保费必须是以元为单位的金额。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="294"/>
        <source>The commission ratio must be a decimal such as 0.05.</source>
        <translation>手续费比例必须是小数，如 0.05。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="358"/>
        <source>Check the materials (F4) before deciding.</source>
        <translation>请先检查材料（F4）再作受理决定。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="385"/>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="385"/>
        <source>Accepted, papers missing</source>
        <translation>已受理（登记缺件）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="386"/>
        <source>Papers returned</source>
        <translation>已退件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/intake_widget.py" line="388"/>
        <source>%1: case %2</source>
        <translation>%1：案件号 %2</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="62"/>
        <source>BranchDesk - Log in</source>
        <translation>BranchDesk - 登录</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="66"/>
        <source>BranchDesk processing centre</source>
        <translation>BranchDesk 业务处理中心</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="77"/>
        <source>e.g. clerk</source>
        <translation>例如 clerk</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="84"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="85"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="94"/>
        <location filename="../../desk_app/ui/login_dialog.py" line="161"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="102"/>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="131"/>
        <source>Please enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/login_dialog.py" line="161"/>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
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
        <translation>您的角色没有待办工作队列。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="159"/>
        <source>No queue</source>
        <translation>无队列</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="219"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="221"/>
        <source>Read the queues again from the database</source>
        <translation>从数据库重新读取工作队列</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="224"/>
        <source>&amp;Open case</source>
        <translation>打开案件(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="225"/>
        <source>Open the selected case</source>
        <translation>打开选中的案件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="229"/>
        <source>&amp;New intake</source>
        <translation>新单受理(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="237"/>
        <source>S&amp;canning station</source>
        <translation>扫描工作站(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="245"/>
        <source>&amp;Stationery…</source>
        <translation>单证管理(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="252"/>
        <source>&amp;Data entry</source>
        <translation>录入(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="259"/>
        <source>Reconci&amp;liation</source>
        <translation>差异处理(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="265"/>
        <source>Entry &amp;figures…</source>
        <translation>录入员统计(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="273"/>
        <source>&amp;Insured list…</source>
        <translation>被保险人清单(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="275"/>
        <source>Import the insured list of the selected case</source>
        <translation>导入选中案件的被保险人清单</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="283"/>
        <source>&amp;Problem cases</source>
        <translation>问题件(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="285"/>
        <source>Problem cases by due time, with the working time left</source>
        <translation>按到期时间排列的问题件及剩余工作时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="294"/>
        <source>&amp;Underwriting</source>
        <translation>核保(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="296"/>
        <source>Open the selected case of the underwriting queue</source>
        <translation>打开核保队列中选中的案件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="302"/>
        <source>Underwriting &amp;authority…</source>
        <translation>核保权限(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="308"/>
        <source>Contract printin&amp;g</source>
        <translation>合同缮制(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="309"/>
        <source>Print the contracts of issued cases, reprints, print log</source>
        <translation>打印已承保案件的合同、重印、打印日志</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="311"/>
        <source>Verif&amp;y copy</source>
        <translation>合同验真(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="312"/>
        <source>Check a paper contract page by its QR code</source>
        <translation>凭二维码核验纸质合同页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="314"/>
        <source>Receip&amp;ts and archive</source>
        <translation>回执与归档(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="315"/>
        <source>Signed receipts waiting, and filing cases in boxes</source>
        <translation>待收回的签收回执，以及案件装盒归档</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="317"/>
        <source>Reprint appro&amp;vals…</source>
        <translation>重印审批(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="319"/>
        <source>Approve or refuse the reprint requests</source>
        <translation>批准或拒绝重印申请</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="322"/>
        <source>&amp;Close tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="327"/>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="332"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="335"/>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="354"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="386"/>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="387"/>
        <location filename="../../desk_app/ui/main_window.py" line="779"/>
        <source>Branch: %1</source>
        <translation>机构：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="389"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="430"/>
        <source>By stage: %1</source>
        <translation>各环节：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="457"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="524"/>
        <source>New intake</source>
        <translation>新单受理</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="525"/>
        <location filename="../../desk_app/ui/main_window.py" line="536"/>
        <location filename="../../desk_app/ui/main_window.py" line="625"/>
        <source>Close with Ctrl+W</source>
        <translation>按 Ctrl+W 关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="535"/>
        <source>Scanning</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="553"/>
        <source>Data entry</source>
        <translation>录入</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="554"/>
        <location filename="../../desk_app/ui/main_window.py" line="577"/>
        <location filename="../../desk_app/ui/main_window.py" line="642"/>
        <location filename="../../desk_app/ui/main_window.py" line="666"/>
        <location filename="../../desk_app/ui/main_window.py" line="711"/>
        <source>Close with Ctrl+W or Esc</source>
        <translation>按 Ctrl+W 或 Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="563"/>
        <source>Submit (F8) or close the case on screen before opening another.</source>
        <translation>请先提交（F8）或关闭当前案件，再打开其他案件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="576"/>
        <source>Reconciliation</source>
        <translation>差异处理</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="611"/>
        <source>Select a case in a queue first.</source>
        <translation>请先在工作队列中选择一个案件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="624"/>
        <location filename="../../desk_app/ui/main_window.py" line="641"/>
        <source>Problem cases</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="640"/>
        <source>Problem case %1</source>
        <translation>问题件 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="657"/>
        <source>Select a case in the underwriting queue first.</source>
        <translation>请先在核保队列中选择一个案件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="664"/>
        <source>Underwriting %1</source>
        <translation>核保 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="665"/>
        <source>Underwriting</source>
        <translation>核保</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="722"/>
        <source>Contracts</source>
        <translation>合同缮制</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="734"/>
        <source>Verify</source>
        <translation>合同验真</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="744"/>
        <source>Receipts</source>
        <translation>回执与归档</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="801"/>
        <source>Unsaved intake</source>
        <translation>受理未完成</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="803"/>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="804"/>
        <source>&amp;Keep working</source>
        <translation>继续受理(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="819"/>
        <source>This intake has typed data that was not taken in. Close the tab and discard it?</source>
        <translation>此受理页有已录入但尚未受理的内容。关闭标签页并放弃这些内容吗？</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="825"/>
        <source>This case&apos;s entry is not submitted. The fields keyed so far are kept, and the case stays yours to finish. Close the tab?</source>
        <translation>本案件的录入尚未提交。已录入的字段会保留，案件仍由您继续完成。关闭标签页吗？</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="827"/>
        <source>Entry not submitted</source>
        <translation>录入未提交</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="831"/>
        <source>The decisions taken on this case are not recorded yet (F8 records them). Close the tab and discard them?</source>
        <translation>本案件的处理结果尚未保存（按 F8 保存）。关闭标签页并放弃这些结果吗？</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="833"/>
        <source>Decisions not recorded</source>
        <translation>处理结果未保存</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="857"/>
        <source>Intakes with typed data not yet taken in: %1. Quit and discard them?</source>
        <translation>有 %1 个受理页的录入内容尚未受理。退出并放弃这些内容吗？</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="859"/>
        <source>Tabs with typed work not yet saved or submitted: %1. Quit anyway?</source>
        <translation>有 %1 个标签页的内容尚未保存或提交。仍要退出吗？</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="56"/>
        <source>Problem notice %1</source>
        <translation>问题件通知书 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="58"/>
        <source>Copy %1 recorded; reply due %2. Print it for the agent, or save it as PDF.</source>
        <translation>第 %1 份已记录，回复期限 %2。请打印交业务员，或另存为 PDF。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="79"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="82"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="84"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="108"/>
        <source>Print the problem notice</source>
        <translation>打印问题件通知书</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="111"/>
        <source>Sent to the printer: %1</source>
        <translation>已送打印机：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="115"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="116"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_notice.py" line="122"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>PacketDialog</name>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="71"/>
        <source>Referral packet %1</source>
        <translation>上报材料 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="72"/>
        <source>%1 pages: the case, its rule results and issues, its page images.</source>
        <translation>共 %1 页：案件信息、规则校验结果与核保问题、影像页。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="92"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PageStrip</name>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="81"/>
        <source>Show &amp;deleted</source>
        <translation>显示已删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="84"/>
        <source>&amp;Pages</source>
        <translation>页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="89"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="90"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="91"/>
        <source>Rotate left</source>
        <translation>向左旋转</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="92"/>
        <source>Rotate right</source>
        <translation>向右旋转</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="93"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="94"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="95"/>
        <source>Re&amp;scan…</source>
        <translation>重扫(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="107"/>
        <source>Case number or proposal number</source>
        <translation>案件号或投保单号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="109"/>
        <source>Assign to case (&amp;K):</source>
        <translation>归入案件(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="111"/>
        <source>&amp;Assign</source>
        <translation>归入(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="173"/>
        <source>Blurred</source>
        <translation>模糊</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="173"/>
        <source>Too dark</source>
        <translation>过暗</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="173"/>
        <source>Too light</source>
        <translation>过淡</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="174"/>
        <source>Too small</source>
        <translation>过小</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="174"/>
        <source>Low resolution</source>
        <translation>分辨率低</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="175"/>
        <source>Check orientation</source>
        <translation>方向待核对</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="175"/>
        <source>Check skew</source>
        <translation>纠偏待核对</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="178"/>
        <source>Blank</source>
        <translation>空白页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="181"/>
        <source>Seal missing</source>
        <translation>缺章</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="185"/>
        <source>Seal</source>
        <translation>有公章</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="187"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="192"/>
        <source>Cover sheet</source>
        <translation>封面页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="192"/>
        <source>No type</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="194"/>
        <source>Unindexed</source>
        <translation>未索引</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="257"/>
        <source>%1 page(s) typed as %2.</source>
        <translation>%1 页已设为“%2”。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="263"/>
        <source>%1 page(s) removed (they can be restored).</source>
        <translation>已删除 %1 页（可恢复）。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="269"/>
        <source>%1 page(s) restored.</source>
        <translation>已恢复 %1 页。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="275"/>
        <source>Page moved up.</source>
        <translation>页面已上移。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="275"/>
        <source>Page moved down.</source>
        <translation>页面已下移。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="280"/>
        <source>Rotating the page…</source>
        <translation>正在旋转页面…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="282"/>
        <source>Page rotated left.</source>
        <translation>页面已向左旋转。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="282"/>
        <source>Page rotated right.</source>
        <translation>页面已向右旋转。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="290"/>
        <source>Rescan the page from a file</source>
        <translation>从文件重扫该页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="291"/>
        <source>Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>扫描文件 (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="294"/>
        <source>Processing the rescan…</source>
        <translation>正在处理重扫文件…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="304"/>
        <source>Page replaced by the rescan.</source>
        <translation>该页已替换为重扫影像。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="311"/>
        <source>Select the pages to assign first.</source>
        <translation>请先选择要归入案件的页面。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="314"/>
        <source>Type a case number or proposal number.</source>
        <translation>请输入案件号或投保单号。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_strip.py" line="321"/>
        <source>%1 page(s) assigned to case %2.</source>
        <translation>%1 页已归入案件 %2。</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="166"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="169"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="171"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="191"/>
        <source>Sent to %1</source>
        <translation>已送至：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="194"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="194"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_paper.py" line="196"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>ProblemCaseWidget</name>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="117"/>
        <source>Issue &amp;notice</source>
        <translation>发通知书(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="118"/>
        <source>Record reply by &amp;hand…</source>
        <translation>登记回复(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="119"/>
        <source>Resolve (&amp;J)…</source>
        <translation>解决(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="120"/>
        <source>&amp;Withdraw…</source>
        <translation>撤件(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="121"/>
        <source>Reopen (&amp;B)…</source>
        <translation>重新打开(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="122"/>
        <source>R&amp;aise by hand…</source>
        <translation>手工提问题件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="135"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="138"/>
        <source>Case no.:</source>
        <translation>案件号：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="138"/>
        <source>Proposal no.:</source>
        <translation>投保单号：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="139"/>
        <source>Applicant:</source>
        <translation>投保人：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="140"/>
        <source>Business type:</source>
        <translation>业务类型：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="140"/>
        <source>Case stage:</source>
        <translation>案件阶段：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="141"/>
        <source>Agent:</source>
        <translation>业务员：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="142"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="142"/>
        <source>Raised:</source>
        <translation>提出：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="142"/>
        <source>Reopened:</source>
        <translation>重新打开：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="143"/>
        <source>Notice:</source>
        <translation>通知书：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="143"/>
        <source>Reply due:</source>
        <translation>回复期限：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="143"/>
        <source>Replied:</source>
        <translation>回复：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="155"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="156"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="161"/>
        <source>Problem items</source>
        <translation>问题项</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="163"/>
        <source>Reason/note</source>
        <translation>原因/说明</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="168"/>
        <source>Steps taken</source>
        <translation>处理经过</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="171"/>
        <source>Latest rule check (why the case stopped)</source>
        <translation>最近一次校验（案件为何停下）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="198"/>
        <source>Select a problem case in the queue and press Enter to open it.</source>
        <translation>在问题件队列中选一件，按回车打开。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="219"/>
        <source>Opening the problem case…</source>
        <translation>正在打开问题件…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="284"/>
        <source>Problem case %1</source>
        <translation>问题件 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="302"/>
        <source>%1 time(s)</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="359"/>
        <source>Producing the problem notice…</source>
        <translation>正在生成问题件通知书…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="365"/>
        <source>Problem notice copy %1 produced; reply due %2.</source>
        <translation>问题件通知书第 %1 份已生成，回复期限 %2。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="400"/>
        <source>Resolved: the chosen fields go back to first and second entry to be keyed again (round %1).</source>
        <translation>已解决：所选字段交初录、二录重新录入（第 %1 轮）。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="403"/>
        <source>Resolved: the case passed the rules again and moved on to %1.</source>
        <translation>已解决：规则重新校验通过，案件进入%1。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="406"/>
        <source>Reply recorded.</source>
        <translation>回复已登记。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="406"/>
        <source>Case withdrawn.</source>
        <translation>案件已撤件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="407"/>
        <source>Problem case reopened.</source>
        <translation>问题件已重新打开。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_case.py" line="407"/>
        <source>Problem case raised.</source>
        <translation>问题件已提出。</translation>
    </message>
</context>
<context>
    <name>ProblemQueueWidget</name>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="92"/>
        <source>Active (not closed)</source>
        <translation>在办（未结）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="95"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="97"/>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="101"/>
        <source>Case or problem number</source>
        <translation>案件号或问题件号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="106"/>
        <source>Look &amp;up:</source>
        <translation>查找(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Problem no.</source>
        <translation>问题件号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Case no.</source>
        <translation>案件号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Applicant</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <location filename="../../desk_app/ui/problem_queue.py" line="141"/>
        <source>Agent</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="122"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Items</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Left (working time)</source>
        <translation>剩余（工作时间）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="123"/>
        <source>Mark</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="143"/>
        <source>Rule/problem code</source>
        <translation>规则/问题代码</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="145"/>
        <source>Where active problem cases come from</source>
        <translation>在办问题件来源</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="147"/>
        <source>By agent</source>
        <translation>按业务员</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="149"/>
        <source>By rule</source>
        <translation>按规则</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="176"/>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="224"/>
        <source>No notice yet</source>
        <translation>未发通知</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="244"/>
        <source>%1 active, %2 in all</source>
        <translation>在办 %1，累计 %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_queue.py" line="276"/>
        <source>%1 cases: %2 overdue, %3 due soon</source>
        <translation>共 %1 件，已超期 %2，即将到期 %3</translation>
    </message>
</context>
<context>
    <name>RaiseDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="204"/>
        <source>Raise a problem case by hand: %1</source>
        <translation>手工提问题件 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="204"/>
        <source>Submi&amp;t</source>
        <translation>提出(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="207"/>
        <source>MANUAL raised by hand</source>
        <translation>MANUAL 人工提出</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="212"/>
        <source>What the agent is to correct</source>
        <translation>要业务员补正的内容</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="215"/>
        <source>(no field)</source>
        <translation>（不涉及字段）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="218"/>
        <source>Add &amp;item</source>
        <translation>加入此项(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="224"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="224"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="224"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="226"/>
        <source>Re&amp;move selected</source>
        <translation>移除所选(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="229"/>
        <source>Code (&amp;K):</source>
        <translation>代码(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="230"/>
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="231"/>
        <source>Field (&amp;Z):</source>
        <translation>字段(&amp;Z)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="238"/>
        <source>Wh&amp;y:</source>
        <translation>原因(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="238"/>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="253"/>
        <source>First write what this item asks the agent to correct.</source>
        <translation>请先写明这一项要补正什么。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="116"/>
        <source>Withdraw %1</source>
        <translation>撤件 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="116"/>
        <source>&amp;Withdraw</source>
        <translation>撤件(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="117"/>
        <source>Withdrawing ends the case and closes the problem case.</source>
        <translation>撤件后案件终止，问题件关闭。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="119"/>
        <source>Reopen %1</source>
        <translation>重新打开 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="119"/>
        <source>Reopen (&amp;B)</source>
        <translation>重新打开(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="121"/>
        <source>The problem case&apos;s items are opened again; a case that has moved on comes back to problem cases.</source>
        <translation>问题件的各项重新打开；已往后流转的案件回到问题件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="125"/>
        <source>Wh&amp;y:</source>
        <translation>原因(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="125"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>ReceiptArchiveWidget</name>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="138"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Case no.</source>
        <translation>案件号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Policy no.</source>
        <translation>保单号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="138"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Applicant</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="79"/>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="80"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="80"/>
        <source>Mark</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="83"/>
        <source>R&amp;eceipt received</source>
        <translation>回执已收(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="84"/>
        <source>The selected case&apos;s signed receipt came back (by hand)</source>
        <translation>选中案件的签收回执已交回（手工登记）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="86"/>
        <source>Scan receipt files… (&amp;Q)</source>
        <translation>扫描回执文件(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="87"/>
        <source>Images or PDFs of signed receipts, matched by their QR code</source>
        <translation>签收回执的图片或 PDF，按二维码自动匹配</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="93"/>
        <source>Waiting for the signed receipt</source>
        <translation>待收回签收回执</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="102"/>
        <source>Case, proposal or policy no.</source>
        <translation>案件号、投保单号或保单号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="105"/>
        <source>C&amp;ase:</source>
        <translation>案件(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="112"/>
        <source>e.g. 2026-12-001</source>
        <translation>如 2026-12-001</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="115"/>
        <source>&amp;Box:</source>
        <translation>档案盒(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="121"/>
        <source>Pos&amp;ition:</source>
        <translation>位置(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="123"/>
        <source>Arc&amp;hive</source>
        <translation>归档(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="126"/>
        <source>Bo&amp;x list…</source>
        <translation>归档清单(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="127"/>
        <source>The archive list of the box, to print or save as PDF</source>
        <translation>该档案盒的归档清单，可打印或另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="138"/>
        <source>Receipted</source>
        <translation>回执时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="141"/>
        <source>Pos.</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="144"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="148"/>
        <source>Receipted, to archive (Enter picks):</source>
        <translation>已回执待归档（回车选取）：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="150"/>
        <source>In the box:</source>
        <translation>盒内：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="197"/>
        <source>%1 days since printing</source>
        <translation>打印后已 %1 天</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="213"/>
        <source>%1 waiting: %2 overdue (19 days), %3 warning (15 days)</source>
        <translation>待回执 %1 件：已超期 %2 件（19 天），预警 %3 件（15 天）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="250"/>
        <source>Signed receipts</source>
        <translation>签收回执</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="251"/>
        <source>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>图片和 PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="256"/>
        <source>Reading %1 files…</source>
        <translation>正在读取 %1 个文件…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="262"/>
        <source>Receipt taken in: %1</source>
        <translation>回执已登记：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="263"/>
        <source>No receipt was recognised in those files.</source>
        <translation>这些文件中未识别出回执。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="287"/>
        <source>Found: %1</source>
        <translation>已找到：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="307"/>
        <source>In box %1: %2 files</source>
        <translation>档案盒 %1：%2 件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="322"/>
        <source>Type or scan the case to archive first.</source>
        <translation>请先输入或扫描要归档的案件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="326"/>
        <location filename="../../desk_app/ui/contract_receipts.py" line="347"/>
        <source>Type the box number first.</source>
        <translation>请先输入档案盒号。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="332"/>
        <source>%1 archived in box %2 at position %3.</source>
        <translation>%1 已归档：档案盒 %2，位置 %3。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_receipts.py" line="352"/>
        <source>Archive list of box %1</source>
        <translation>档案盒 %1 归档清单</translation>
    </message>
</context>
<context>
    <name>ReconcileWindow</name>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="104"/>
        <location filename="../../desk_app/ui/reconcile_window.py" line="220"/>
        <source>No case open</source>
        <translation>未打开案件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="122"/>
        <source>[1] First entry</source>
        <translation>[1] 初录</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="123"/>
        <source>[2] Second entry</source>
        <translation>[2] 二录</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="129"/>
        <source>Key the value from the image, Enter takes it</source>
        <translation>按影像录入正确值，回车确认</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="133"/>
        <source>Why (optional)</source>
        <translation>原因（选填）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="135"/>
        <source>[&amp;3] Third value:</source>
        <translation>[3] 第三值(&amp;3)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="137"/>
        <source>&amp;Note (F2):</source>
        <translation>备注(&amp;N)（F2）：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="144"/>
        <source>1 / 2 pick that entry, 3 keys a third value, Up/Down move, F8 records the decisions.</source>
        <translation>按 1 / 2 采用对应的录入值，按 3 录入第三值，↑/↓ 切换字段，F8 保存处理结果。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="148"/>
        <source>&amp;Record decisions (F8)</source>
        <translation>保存处理结果(&amp;R)（F8）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="201"/>
        <source>No case is waiting for reconciliation.</source>
        <translation>暂无待差异处理的案件。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="229"/>
        <source>Case %1, round %2</source>
        <translation>案件 %1，第 %2 轮</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="231"/>
        <source>[1] First entry: %1</source>
        <translation>[1] 初录：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="232"/>
        <source>[2] Second entry: %1</source>
        <translation>[2] 二录：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="241"/>
        <source>%1 fields differ.</source>
        <translation>%1 个字段有差异。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="242"/>
        <source>No field waits for a decision.</source>
        <translation>没有待处理的字段。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="286"/>
        <source>passes the checks</source>
        <translation>校验通过</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="313"/>
        <source>Every field is decided: F8 records the decisions.</source>
        <translation>所有字段均已处理：按 F8 保存处理结果。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="357"/>
        <source>Pick 1, 2 or key a third value for at least one field first.</source>
        <translation>请先为至少一个字段选择 1、2 或录入第三值。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/reconcile_window.py" line="371"/>
        <source>Case %1 settled: every field decided.</source>
        <translation>案件 %1 差异处理完毕：所有字段均已处理。</translation>
    </message>
</context>
<context>
    <name>ReferDialog</name>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="39"/>
        <source>Refer case %1 to head office</source>
        <translation>案件 %1 上报省公司</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="39"/>
        <source>Refer to &amp;head office</source>
        <translation>上报省公司(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="47"/>
        <source>The case goes to the provincial office with its referral packet (the case, its rule results and issues, and its page images).</source>
        <translation>案件连同上报材料（案件信息、规则校验结果与核保问题、影像页）一并上报省公司。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="51"/>
        <source>Rea&amp;son:</source>
        <translation>原因(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_dialogs.py" line="51"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="139"/>
        <source>Record reply %1</source>
        <translation>登记回复 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="139"/>
        <source>Re&amp;gister</source>
        <translation>登记(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="142"/>
        <source>A scanned reply page registers itself by the notice&apos;s QR code; record a phone or spoken reply here.</source>
        <translation>扫描的回复页凭通知书二维码自动登记；此处登记电话或口头回复。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="144"/>
        <source>Repl&amp;y:</source>
        <translation>回复内容(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="144"/>
        <source>e.g. the agent phoned: the premium total should be 12,600.00 yuan</source>
        <translation>如：业务员来电，保费合计应为 12,600.00 元</translation>
    </message>
</context>
<context>
    <name>ReprintApprovalDialog</name>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="74"/>
        <source>Reprint requests waiting for approval</source>
        <translation>待审批的重印申请</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Case no.</source>
        <translation>案件号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Policy no.</source>
        <translation>保单号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="75"/>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="76"/>
        <source>Asked at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="79"/>
        <source>Note (required to refuse)</source>
        <translation>审批意见（拒绝时必填）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="80"/>
        <source>&amp;Note:</source>
        <translation>意见(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="82"/>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="84"/>
        <source>Ref&amp;use</source>
        <translation>拒绝(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="86"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="127"/>
        <source>No reprint request is waiting.</source>
        <translation>没有待审批的重印申请。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="145"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="145"/>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="147"/>
        <source>Reprint of %1 %2.</source>
        <translation>%1 的重印申请%2。</translation>
    </message>
</context>
<context>
    <name>ReprintRequestDialog</name>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="50"/>
        <source>Request a reprint of %1</source>
        <translation>申请重印 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="51"/>
        <source>&amp;Request</source>
        <translation>提交申请(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="52"/>
        <source>A reprint is marked as a copy on every page and prints only after a supervisor approves it. The earlier print becomes invalid.</source>
        <translation>重印件每页均标注“副本”，须经业务主管批准后方可打印；此前打印的合同随之作废。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="56"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_reprint.py" line="56"/>
        <source>e.g. the customer&apos;s copy was damaged</source>
        <translation>如：客户所持合同污损</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="157"/>
        <source>Resolve %1</source>
        <translation>解决 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="157"/>
        <source>Resolve (&amp;J)</source>
        <translation>解决(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="171"/>
        <source>Fie&amp;lds to key again:</source>
        <translation>重新录入的字段(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="175"/>
        <source>Space ticks a field; with no field ticked the rules check the case again at once.</source>
        <translation>空格勾选；不勾选任何字段则立即重新校验。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="178"/>
        <source>Wh&amp;y:</source>
        <translation>处理说明(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/problem_actions.py" line="178"/>
        <source>Required, e.g. the agent&apos;s reply corrects the premium</source>
        <translation>必填，如：业务员回复更正保费</translation>
    </message>
</context>
<context>
    <name>RuleResultsDialog</name>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="136"/>
        <source>Rule check results %1</source>
        <translation>校验结果 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="141"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="147"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>RuleResultsPanel</name>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="72"/>
        <source>Not checked yet.</source>
        <translation>尚未检查。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="81"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="97"/>
        <source>The rules have not been run on this case yet.</source>
        <translation>这个案件还没有运行过校验规则。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="99"/>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="99"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="101"/>
        <source>Check %1, %2: %3 (%4 blocking, %5 warnings; rules version %6)</source>
        <translation>第 %1 次检查，%2：%3（阻断 %4 条，提示 %5 条；规则版本 %6）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="111"/>
        <source>Blocking</source>
        <translation>阻断</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/rule_results.py" line="111"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>ScanWindow</name>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="42"/>
        <source>Scan or import a batch. Keys 1–9 set the document type, Delete removes.</source>
        <translation>扫描或导入一批文件。按 1–9 设定单证类型，Delete 删除。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="55"/>
        <source>Fi&amp;t</source>
        <translation>适合窗口(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="55"/>
        <source>&amp;Zoom in</source>
        <translation>放大(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/scan_window.py" line="56"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
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
        <translation>本机数据库尚未初始化机构。

如需使用演示数据试用 BranchDesk，请运行：
    desk-app demo
如需初始化正式机构，请运行：
    desk-app init --branch 机构代码 --branch-name 机构名称 --admin 管理员用户名

数据库：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/app.py" line="210"/>
        <source>The database has been encrypted. Write down this recovery key and keep it somewhere safe: if this computer&apos;s key store is lost, only this key opens the data.

%1</source>
        <translation>数据库已加密。请抄下以下恢复密钥并妥善保管：本机密钥库丢失时，只有凭它才能打开数据。

%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/app.py" line="237"/>
        <source>The database cannot be opened.

%1</source>
        <translation>无法打开数据库。

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
        <translation>单证管理</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="49"/>
        <source>Receive batch from head office</source>
        <translation>总公司单证入库</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="50"/>
        <source>Issue range</source>
        <translation>发放号段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="50"/>
        <source>Void range</source>
        <translation>作废号段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="51"/>
        <source>Report range lost</source>
        <translation>号段挂失</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="51"/>
        <source>Destroy range</source>
        <translation>销毁号段</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="57"/>
        <source>agent code, or * for the branch counter</source>
        <translation>业务员代码，发给本机构柜面填 *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="59"/>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="60"/>
        <source>First number:</source>
        <translation>起始号码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="61"/>
        <source>Last number:</source>
        <translation>终止号码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="62"/>
        <source>Batch no.:</source>
        <translation>批次号：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="63"/>
        <source>Issue to:</source>
        <translation>领用人：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="64"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="66"/>
        <source>Apply</source>
        <translation>执行</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="72"/>
        <source>Range action</source>
        <translation>号段操作</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="81"/>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="92"/>
        <source>Holder</source>
        <translation>领用人</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="81"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="81"/>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="82"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="83"/>
        <source>Issued and unused, by holder</source>
        <translation>已发放未使用（按领用人）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="89"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="92"/>
        <source>Number</source>
        <translation>单证号</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="92"/>
        <source>Issued</source>
        <translation>发放时间</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="93"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="94"/>
        <source>Issued but unused for more than</source>
        <translation>发放后超过以下天数仍未使用</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/stationery_dialog.py" line="125"/>
        <source>Done: %1 numbers, %2 to %3.</source>
        <translation>已完成：%1 张，%2 至 %3。</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="22"/>
        <source>Sync with head office</source>
        <translation>与总公司同步</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="24"/>
        <source>Ready to sync</source>
        <translation>准备同步</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="29"/>
        <source>Start sync</source>
        <translation>开始同步</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="44"/>
        <source>Uploading changes</source>
        <translation>上传变更</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="46"/>
        <source>Downloading changes</source>
        <translation>下载变更</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="48"/>
        <source>Transferring page images</source>
        <translation>传输影像文件</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="58"/>
        <source>%1: %2 / %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="67"/>
        <source>Sync complete</source>
        <translation>同步完成</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="68"/>
        <source>Uploaded %1 changes, downloaded %2; page images uploaded %3, downloaded %4</source>
        <translation>上传 %1 条，下载 %2 条，影像文件上传 %3 个、下载 %4 个</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="72"/>
        <source>; %1 changes conflicted with another organisation and are kept in the conflict inbox</source>
        <translation>；%1 条修改与其他机构冲突，已保存在冲突收件箱</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="74"/>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_dialog.py" line="80"/>
        <source>Sync not completed</source>
        <translation>同步未完成</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="29"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="30"/>
        <source>Sync…</source>
        <translation>同步…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="32"/>
        <source>Enrol with head office…</source>
        <translation>注册到总公司…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_menu.py" line="38"/>
        <source>Conflict inbox…</source>
        <translation>冲突收件箱…</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="114"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="124"/>
        <source>To upload: …</source>
        <translation>待上传：…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="125"/>
        <source>Last sync: …</source>
        <translation>上次同步：…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="129"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="142"/>
        <source>To upload: %1</source>
        <translation>待上传：%1 条</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="144"/>
        <source>Not enrolled with head office</source>
        <translation>未注册到总公司</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="146"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="148"/>
        <location filename="../../desk_app/ui/sync_status.py" line="163"/>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="151"/>
        <source> (%1 conflicts to read)</source>
        <translation>（冲突待查看 %1 条）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_status.py" line="156"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
</context>
<context>
    <name>UnderwritingWidget</name>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>Issue</source>
        <translation>核保问题</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>Facts</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="220"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="221"/>
        <source>Your limit</source>
        <translation>本人权限</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="221"/>
        <source>Authority</source>
        <translation>权限</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="221"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="230"/>
        <source>&amp;Issues</source>
        <translation>核保问题(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="233"/>
        <source>Rule chec&amp;ks</source>
        <translation>规则校验(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="273"/>
        <source>Select a case in the underwriting queue and press Enter.</source>
        <translation>请在核保队列中选择案件，按回车打开。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="315"/>
        <source>Opening the case…</source>
        <translation>正在打开案件…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="395"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="407"/>
        <source>any amount</source>
        <translation>不限金额</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="408"/>
        <source>not granted</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="409"/>
        <location filename="../../desk_app/ui/uw_window.py" line="429"/>
        <source>within</source>
        <translation>权限内</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="409"/>
        <location filename="../../desk_app/ui/uw_window.py" line="429"/>
        <source>above</source>
        <translation>超权限</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="426"/>
        <source>the case</source>
        <translation>本案</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="442"/>
        <source>Issued under policy %1.</source>
        <translation>已承保，保单号 %1。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="444"/>
        <source>This case is not waiting for your decision (%1).</source>
        <translation>本案件不在待您核保的环节（%1）。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="449"/>
        <source>%1 open issues, %2 above your authority.</source>
        <translation>待核保问题 %1 项，超出本人权限 %2 项。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="454"/>
        <source>%1, authority level %2</source>
        <translation>%1，核保权限级别 %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="457"/>
        <source> %1: total sum insured up to %2</source>
        <translation>（%1：总保额上限 %2）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="474"/>
        <source>Pick a decision first (Alt and its underlined letter).</source>
        <translation>请先选择核保结论（按 Alt 加括号中带下划线的字母）。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="478"/>
        <source>Recording the decision…</source>
        <translation>正在记录核保结论…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="487"/>
        <source>Decided: %1; the case is now %2.</source>
        <translation>核保结论：%1；案件已进入“%2”环节。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="490"/>
        <source>Policy number %1.</source>
        <translation>保单号 %1。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="528"/>
        <source>Referred to the provincial office; the case is now %1.</source>
        <translation>已上报省公司；案件已进入“%1”环节。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="535"/>
        <source>Reading the referral packet…</source>
        <translation>正在读取上报材料…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/uw_window.py" line="541"/>
        <source>Referral packet of %1 pages.</source>
        <translation>上报材料共 %1 页。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="42"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="44"/>
        <source>The window was locked after a period without use. Enter the password of %1 to continue.</source>
        <translation>窗口因长时间未操作已锁定。请输入 %1 的密码以继续。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/idle_lock.py" line="54"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>UnmaskDialog</name>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="22"/>
        <source>View in full</source>
        <translation>查看完整信息</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="25"/>
        <source>Viewing %1 in full is recorded with your name and reason.</source>
        <translation>查看完整的%1将连同您的姓名和原因一并记录。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="28"/>
        <source>Reason, e.g. telephone call-back to the customer</source>
        <translation>原因，例如：电话回访客户</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/unmask_dialog.py" line="40"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>VerifyWidget</name>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="64"/>
        <source>Scan the QR code of a contract page (or type its text)</source>
        <translation>扫描合同页上的二维码（或输入其内容）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="66"/>
        <source>QR te&amp;xt:</source>
        <translation>二维码内容(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="68"/>
        <source>Open i&amp;mage or PDF…</source>
        <translation>打开图片或 PDF(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="94"/>
        <source>Which page</source>
        <translation>页面信息</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="96"/>
        <source>Policy no.:</source>
        <translation>保单号：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="96"/>
        <source>Case no.:</source>
        <translation>案件号：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="97"/>
        <source>Applicant:</source>
        <translation>投保人：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="97"/>
        <source>Page:</source>
        <translation>页码：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="98"/>
        <source>Print:</source>
        <translation>版次：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="98"/>
        <source>Latest print:</source>
        <translation>最新版次：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="99"/>
        <source>Printed:</source>
        <translation>打印：</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="111"/>
        <source>Checked so far</source>
        <translation>已核验记录</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="128"/>
        <source>Scan a page</source>
        <translation>请扫描合同页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="129"/>
        <source>The answer comes from this branch&apos;s records, without the network.</source>
        <translation>核验结果来自本机构的记录，无需联网。</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="139"/>
        <source>Open a contract page</source>
        <translation>打开合同页</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="140"/>
        <source>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>图片和 PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="151"/>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="183"/>
        <source>Original (print 1)</source>
        <translation>正本（第 1 次打印）</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contract_verify.py" line="183"/>
        <source>Copy, print %1</source>
        <translation>副本（第 %1 次打印）</translation>
    </message>
</context>
</TS>
