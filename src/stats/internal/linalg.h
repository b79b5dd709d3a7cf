#pragma once

// Small dense symmetric linear algebra for the log-linear fits (at most a few
// dozen parameters). Matrices are row-major p x p arrays of doubles. Written
// by hand: the sizes are tiny, and a library call would cost more than the
// arithmetic.

namespace vka::stats::internal {

// Replaces the lower triangle of the symmetric matrix `a` by its Cholesky
// factor L (A = L L'). Returns false, leaving `a` unspecified, when a pivot
// falls to or below rel_tol times the original diagonal element, i.e. the
// matrix is not numerically positive definite (a rank-deficient design).
bool CholeskyInPlace(double* a, int p, double rel_tol);

// Solves L L' x = b in place (b becomes x). REQUIRES: `l` holds a factor
// from CholeskyInPlace.
void CholeskySolve(const double* l, int p, double* b);

// Returns element (0, 0) of A^{-1} given A's Cholesky factor.
double InverseCorner(const double* l, int p);

}  // namespace vka::stats::internal
