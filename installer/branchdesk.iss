; Inno Setup script: wraps the PyInstaller one-folder bundle into a Windows installer.
[Setup]
AppName=BranchDesk
AppVersion=0.1.0
DefaultDirName={autopf}\BranchDesk
DefaultGroupName=BranchDesk
OutputBaseFilename=BranchDesk-Setup
Compression=lzma2
SolidCompression=yes

[Files]
Source: "..\dist\BranchDesk\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\BranchDesk 业务处理中心"; Filename: "{app}\desk-app.exe"; Parameters: "gui"
