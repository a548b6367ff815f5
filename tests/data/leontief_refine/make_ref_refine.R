# make_ref_refine.R -- R's multipliers and solves for the 300-sector tables of
# tests/lua/test_leontief_refine.lua (built from the benchmarks' formula, so
# nothing random): Z_ij = u(i, j), u(i, j) = ((7919 i + 104729 j) mod 100003)
# / 100003; x_j = 2 colsum_j(Z) + 1 ("well", kappa about 5) or
# colsum_j(Z) / 0.9999 ("near", every column sum of A 0.9999, kappa about
# 3e4); f_i = 100 u(i, 301). R: solve(), a double LU (LAPACK dgesv).
# usage: Rscript make_ref_refine.R > ref_R_refine_300.csv
u <- function(i, j) ((i * 7919 + j * 104729) %% 100003) / 100003
n <- 300
Z <- outer(1:n, 1:n, u)
f <- 100 * u(1:n, n + 1)
s <- colSums(Z)
out <- data.frame(sector = 1:n)
for (case in c("well", "near")) {
  x <- if (case == "well") 2 * s + 1 else s / 0.9999
  A <- sweep(Z, 2, x, "/")
  I_A <- diag(n) - A
  out[[paste0("multiplier_", case)]] <- solve(t(I_A), rep(1, n))
  out[[paste0("x_", case)]] <- solve(I_A, f)
}
write.csv(format(out, digits = 17), stdout(), row.names = FALSE, quote = FALSE)
