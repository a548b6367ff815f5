# Reference results for tests/lua/test_modes_analysis.lua, from R's own
# functions on the generated surveys survey33.csv and survey300.csv:
# cutree(hclust(dist(X, "binary"), "average"), 4), the merge heights,
# cluster::silhouette average widths for k = 2..8 and mclust::adjustedRandIndex
# of the k = 4 clusters against the generating groups (simulated_mode).
# Run from the project root: Rscript tests/data/modes/survey_hclust_r.R
library(cluster)
library(mclust)
ids <- c(paste0("DUI", 1:7), "STI1", "STI2")
for (name in c("survey33", "survey300")) {
  s <- read.csv(file.path("tests/data/modes", paste0(name, ".csv")),
                colClasses = c(firm = "character", nace = "character"))
  X <- as.matrix(s[, ids])
  rownames(X) <- s$firm
  D <- dist(X, "binary")
  h <- hclust(D, "average")
  cl <- cutree(h, 4)
  write.csv(data.frame(firm = s$firm, cluster = cl),
            file.path("tests/data/modes", paste0("ref_R_", name, "_cutree4.csv")),
            row.names = FALSE, quote = FALSE)
  write.csv(data.frame(step = seq_along(h$height), height = sprintf("%.17g", h$height)),
            file.path("tests/data/modes", paste0("ref_R_", name, "_heights.csv")),
            row.names = FALSE, quote = FALSE)
  sil <- sapply(2:8, function(k) summary(silhouette(cutree(h, k), D))$avg.width)
  ari <- adjustedRandIndex(cl, s$simulated_mode)
  write.csv(data.frame(k = 2:8, silhouette = sprintf("%.17g", sil)),
            file.path("tests/data/modes", paste0("ref_R_", name, "_silhouette.csv")),
            row.names = FALSE, quote = FALSE)
  cat(name, ": ARI(cutree 4, simulated_mode) =", sprintf("%.17g", ari), "\n")
}
cat(R.version.string, "; cluster", format(packageVersion("cluster")),
    "; mclust", format(packageVersion("mclust")), "\n")
