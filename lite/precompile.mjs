// Run by lite/build.py: adds bytecode (.pyc) to the browser kernel's wheels, made by Pyodide's own Python.
//
//     node lite/precompile.mjs <pyodide folder> <work folder>
//
// The Pyodide folder holds Pyodide's core and the lock with every wheel (as the site will serve them);
// the work folder holds precompile.py and gets the new wheels in out/. Without bytecode the browser
// compiles every module the kernel imports (IPython and friends) at each kernel start: a few seconds.
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import path from "node:path";

const [pyodideDir, workDir] = process.argv.slice(2).map((p) => path.resolve(p));
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  lockFileURL: path.join(pyodideDir, "pyodide-lock.json"),
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
const lock = JSON.parse(readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf-8"));
await py.loadPackage(Object.keys(lock.packages), { messageCallback: () => {} });
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: workDir }, "/host");
await py.runPythonAsync(readFileSync(path.join(workDir, "precompile.py"), "utf-8"));
