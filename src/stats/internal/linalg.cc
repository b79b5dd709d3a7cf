#include "stats/internal/linalg.h"

#include <cmath>
#include <vector>

namespace vka::stats::internal {

bool CholeskyInPlace(double* a, int p, double rel_tol) {
  for (int col = 0; col < p; ++col) {
    double* row_c = a + col * p;
    double diag = row_c[col];
    const double original = diag;
    for (int k = 0; k < col; ++k) diag -= row_c[k] * row_c[k];
    if (!(diag > rel_tol * original) || !(diag > 0)) return false;
    const double l_cc = std::sqrt(diag);
    row_c[col] = l_cc;
    const double inv = 1 / l_cc;
    for (int row = col + 1; row < p; ++row) {
      double* row_r = a + row * p;
      double s = row_r[col];
      for (int k = 0; k < col; ++k) s -= row_r[k] * row_c[k];
      row_r[col] = s * inv;
    }
  }
  return true;
}

void CholeskySolve(const double* l, int p, double* b) {
  for (int row = 0; row < p; ++row) {  // L y = b
    double s = b[row];
    for (int k = 0; k < row; ++k) s -= l[row * p + k] * b[k];
    b[row] = s / l[row * p + row];
  }
  for (int row = p - 1; row >= 0; --row) {  // L' x = y
    double s = b[row];
    for (int k = row + 1; k < p; ++k) s -= l[k * p + row] * b[k];
    b[row] = s / l[row * p + row];
  }
}

double InverseCorner(const double* l, int p) {
  std::vector<double> e(p, 0.0);
  e[0] = 1;
  CholeskySolve(l, p, e.data());
  return e[0];
}

}  // namespace vka::stats::internal
