; Inno Setup script: a per-user Windows installer for the PyInstaller bundle.
;
; Build on Windows, after packaging/build.sh (Git Bash) or the PyInstaller command in
; docs/install.md has produced dist\version-reader\:
;
;     iscc packaging\windows\version-reader.iss
;
; Output: dist\version-reader-<version>-windows-setup.exe. The version is read from the
; bundled executable's version resource, which the spec renders from reader/__init__.py,
; so it is not repeated here. Not built or tested on the project's Linux machine.

#define AppName "Version Reader"
#define AppExe "Version Reader.exe"
#define CliExe "version-reader.exe"
; ISPP resolves file functions against the compiler's folder, so anchor on the script.
#define BundleDir AddBackslash(SourcePath) + "..\..\dist\version-reader"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(BundleDir + "\" + CliExe)
#endif

[Setup]
AppId={{6E0F3C52-8B7A-4C1B-9D0E-5A2F4B7C9E13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Version Reader developers
AppPublisherURL=https://example.invalid/version-reader
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install by default (no administrator rights); users may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=version-reader-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\version-reader.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the version-reader command to PATH"; GroupDescription: "Command line:"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; \
  ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
