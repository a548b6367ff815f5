# peers.R -- R's side of `make bench` (scripts/bench.lua): the workloads of
# work.lua on the same SIMULATED data from the same formulas, timed around
# the work only (base R, fastcluster, data.table, sandwich). Prints
# "seconds checksum".
# usage: Rscript scripts/bench/peers.R WORKLOAD N [FILE]
args <- commandArgs(trailingOnly = TRUE)
workload <- args[1]; n <- as.integer(args[2]); extra <- if (length(args) > 2) args[3] else NA

u <- function(i, j) ((i * 7919 + j * 104729) %% 100003) / 100003

io_table <- function(size) {
  i <- matrix(1:size, size, size); Z <- u(i, t(i))
  list(Z = Z, x = 2 * colSums(Z) + 1)
}

noise <- function(i) {
  frac <- function(v) v - floor(v)
  2 * (frac(i * ((1 + sqrt(5)) / 2)) + frac(i * sqrt(2)) + frac(i * sqrt(3)) - 1.5)
}

glm_data <- function(rows) {
  b <- c(0.2, 0.5, -0.3, 0.4, -0.2, 0.1, 0.3, -0.4, 0.25, -0.15)
  X <- 2 * outer(1:rows, 1:10, u) - 1
  X[, 1] <- 1
  ystar <- drop(X %*% b) + noise(1:rows)
  list(y = as.numeric(ystar > 0), X = X, ystar = ystar)
}

observations <- function(rows) {  # frac(i^2 sqrt(p_j)) over the first ten primes
  v <- outer(as.double(1:rows)^2, sqrt(c(2, 3, 5, 7, 11, 13, 17, 19, 23, 29)))
  v - floor(v)
}

timed <- function(expr) {
  t0 <- proc.time()[["elapsed"]]
  checksum <- eval.parent(substitute(expr))
  c(proc.time()[["elapsed"]] - t0, checksum)
}

res <- switch(workload,
  inverse = {
    d <- io_table(n)
    timed(sum(solve(diag(n) - sweep(d$Z, 2, d$x, "/"))))
  },
  multipliers = {
    d <- io_table(n)
    timed(sum(solve(t(diag(n) - sweep(d$Z, 2, d$x, "/")), rep(1, n))))
  },
  probit = , logit = {
    d <- glm_data(n)
    timed({
      fit <- glm.fit(d$X, d$y, family = binomial(link = workload))
      se <- sqrt(diag(chol2inv(fit$qr$qr[1:10, 1:10])))
      sum(fit$coefficients)
    })
  },
  ols = {
    d <- glm_data(n)
    timed({
      fit <- lm.fit(d$X, d$ystar)
      # HC1 errors: (X'X)^-1 X' diag(e^2) X (X'X)^-1 n / (n - p)
      XtXi <- chol2inv(fit$qr$qr[1:10, 1:10])
      meat <- crossprod(d$X * fit$residuals)
      se <- sqrt(diag(XtXi %*% meat %*% XtXi) * n / (n - 10))
      sum(fit$coefficients)
    })
  },
  dist = {
    X <- observations(n)
    timed({ D <- dist(X); D[n - 1] })
  },
  average = , single = {
    suppressPackageStartupMessages(library(fastcluster))
    X <- observations(n)
    timed(sum(fastcluster::hclust(dist(X), method = workload)$height))
  },
  csv = {
    suppressPackageStartupMessages(library(data.table))
    if (Sys.getenv("BENCH_PEER") == "data.table, 2 threads") setDTthreads(2)
    t0 <- proc.time()[["elapsed"]]  # the read alone, as the other readers
    dt <- fread(extra)
    c(proc.time()[["elapsed"]] - t0, sum(as.matrix(dt[, -1])))
  },
  stop("peers.R: no R peer for ", workload)
)
cat(sprintf("%.6f %.10g\n", res[1], res[2]))
