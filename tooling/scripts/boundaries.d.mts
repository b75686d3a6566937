export interface PackageUnderCheck {
  name: string;
  dir: string;
  manifest: {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  files: Record<string, string>;
}
export declare const ALLOWED: Record<string, string[]>;
export declare function importsOf(text: string): { spec: string; typeOnly: boolean }[];
export declare function checkPackage(pkg: PackageUnderCheck): string[];
export declare function checkWorkspace(root: string): string[];
