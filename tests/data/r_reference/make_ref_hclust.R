# make_ref_hclust.R -- R's hclust on larger random data, for the fast paths
# of core/hclust_fast.c (tests/lua/test_hclust_large.lua). Run from this
# folder: Rscript make_ref_hclust.R   (R 4.2.2, stats::hclust = hclust.f)
# random: 2000 x 3 standard normal (no ties), the reducible methods;
# ties:   500 x 4 integer codes 1..4 (many equal distances), every method.
write_x <- function(x, file)
  write.table(matrix(sprintf("%.17g", x), nrow(x)), file, sep = ",", quote = FALSE,
              row.names = FALSE, col.names = FALSE)
# one row per merge: method, step, merge[, 1], merge[, 2], height, and the
# leaf at position step of the order (the last leaf in a row with step n)
write_trees <- function(x, methods, file) {
  d <- dist(x)
  out <- do.call(rbind, lapply(methods, function(m) {
    h <- hclust(d, m)
    n <- length(h$order)
    data.frame(method = m, step = 1:n, m1 = c(h$merge[, 1], 0),
               m2 = c(h$merge[, 2], 0), height = c(sprintf("%.17g", h$height), 0),
               order = h$order)
  }))
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}
set.seed(2013)
x <- matrix(rnorm(2000 * 3), 2000, 3)
write_x(x, "hclust_random_2000x3.csv")
write_trees(x, c("single", "complete", "average", "mcquitty", "ward.D",
                 "ward.D2"), "ref_R_hclust_random_2000.csv")
t <- matrix(sample(1:4, 500 * 4, replace = TRUE), 500, 4)
write_x(t, "hclust_ties_500x4.csv")
write_trees(t, c("single", "complete", "average", "mcquitty", "ward.D",
                 "ward.D2", "centroid", "median"), "ref_R_hclust_ties_500.csv")
