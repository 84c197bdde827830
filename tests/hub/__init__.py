"""Tests against a real JupyterHub on loopback (nbgitpuller links, one home folder per student)."""
