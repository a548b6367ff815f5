# make_ref_factor.R -- reference outputs of R for tests/lua/test_factor.lua and
# tests/lua/test_fsr.lua (an independent implementation of PCA, varimax,
# promax and the Feser-Sweeney-Renski linkage matrix).
# Run from tests/data:  Rscript r_reference/make_ref_factor.R
# Written with R 4.2.2 Patched (2022-11-10 r83330), Debian r-base-core.
wr <- function(x, file) write.csv(x, file, quote = TRUE)

# principal-component loadings: eigenvectors * sqrt(eigenvalues)
pc_loadings <- function(R, k) {
  e <- eigen(R, symmetric = TRUE)
  a <- e$vectors[, 1:k, drop = FALSE] %*% diag(sqrt(e$values[1:k]), k)
  rownames(a) <- rownames(R)
  a
}

# Harman74, 4 components, promax (m = 4)
H <- as.matrix(read.csv("r_reference/Harman74_cor_matrix.csv", row.names = 1))
p <- promax(pc_loadings(H, 4), m = 4)
wr(unclass(p$loadings), "r_reference/ref_R_Harman74_pca4_promax_loadings.csv")

# Australia 2021-22, 19 ANZSIC divisions: the FSR linkage matrix
w <- read.csv("australia_2021/australia_19_wide.csv", row.names = 1, check.names = FALSE)
Z <- as.matrix(w[, 1:19])
X <- sweep(Z, 2, colSums(Z), "/")          # purchase shares, column j = x_j
Y <- sweep(Z, 1, rowSums(Z), "/")          # sales shares, row i = y_i
L <- pmax(cor(X), cor(t(Y)), cor(X, t(Y)), t(cor(X, t(Y))))
diag(L) <- 1
k <- sum(eigen(L, symmetric = TRUE)$values >= 1)   # Kaiser: 4
A <- pc_loadings(L, k)
v <- varimax(A, normalize = TRUE, eps = 1e-5)
wr(unclass(v$loadings), "australia_2021/ref_R_australia19_fsr_pca_varimax_loadings.csv")
v0 <- varimax(A, normalize = FALSE, eps = 1e-5)
wr(unclass(v0$loadings), "australia_2021/ref_R_australia19_fsr_pca_varimax_raw_loadings.csv")
