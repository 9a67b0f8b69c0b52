"""Connected components over numbered nodes: the union-find the collation and the
revision chain both group paragraphs with.

Owns: ``UnionFind``, whose root is always the smallest node of its component, so a
component is keyed by its first member (rows keep the base's order). Standard library only.
"""

from __future__ import annotations


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving; the smallest node is the root."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
