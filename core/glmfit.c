/*
** glmfit.c -- probit and logit by R's glm.fit iteration (McCullagh & Nelder
** 1989, sec. 2.5; step halving as Marschner 2011, glm2), written so that
** one pass over the observations per iteration evaluates the link, the
** log-likelihood and the next Fisher weights, and X'WX is accumulated from
** blocks of sqrt(W)-scaled rows with dsyrk. The normal cdf's tails come
** from Cody's rational approximations as in R's pnorm: the smaller tail
** directly, the larger as 1 minus it (no cancellation), and only the log
** of the observed outcome's probability is taken.
*/
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>
#include <lapacke.h>

#include "distributions.h"
#include "glmfit.h"

#define SQRT1_2 0.707106781186547524400844362105     /* 1 / sqrt(2) */
#define LN_SQRT_2PI 0.918938533204672741780329736406 /* log(sqrt(2 pi)) */
#define INV_SQRT_2PI 0.398942280401432677939946059934 /* 1 / sqrt(2 pi) */
#define BLOCK 512        /* rows scaled per dsyrk call: a few hundred KB */
#define MAX_HALVINGS 30  /* as glm.lua did: at most 30 halvings of a step */
#define THREADS 2        /* passes over large data split between threads */
#define THREADED_ROWS 100000  /* below this, one thread does all */

/* at eta = x for an observed outcome y: lp = log Pr(y) (log F or log(1 -
** F)) and the ratios r1 = f / F, r0 = f / (1 - F) (probit), or r1 = 1 - mu,
** r0 = mu (logit), so that the score in eta is y r1 - (1 - y) r0 and the
** Fisher weight r1 r0 for both links */
typedef struct { double lp, r1, r0; } link_values;

/* W. J. Cody's rational Chebyshev approximations of the normal cdf (ACM
** TOMS 715, 1993), the coefficients R's pnorm uses: for |x| <= 0.67448975
** Phi(x) = 1/2 + x A(x^2) / B(x^2); beyond, the smaller tail is
** exp(-x^2 / 2) T(|x|) with T = C/D up to sqrt(32) and (1/sqrt(2 pi) -
** P/Q(1/x^2) / x^2) / |x| beyond. exp(-x^2/2) is formed as R does, from
** x^2 split into an exact part (x rounded to 1/16) and a small rest. */
static const double cody_a[5] = {
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
  18154.981253343561249, 0.065682337918207449113};
static const double cody_b[4] = {
  47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
  45507.789335026729956};
static const double cody_c[9] = {
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
  597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
  11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8};
static const double cody_d[8] = {
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
  6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
  38912.003286093271411, 19685.429676859990727};
static const double cody_p[6] = {
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
  0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
static const double cody_q[5] = {
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
  0.00378239633202758244, 7.29751555083966205e-5};

/* The probit's values at x with one rational function and two exps: the
** ratio of the density to the smaller tail is 1/(sqrt(2 pi) T) whatever
** the size of the exponential, and the log of the smaller tail is
** -x^2/2 + log T, so nothing overflows or underflows to 0/0 however far
** out x is (the larger tail is then 1 and its ratio 0). */
static link_values probit_at (double x, int y1) {
  link_values v;
  double y = fabs(x), xsq, num, den, t;
  int k;
  if (y <= 0.67448975) {
    double phi = INV_SQRT_2PI * exp(-0.5 * x * x), lo, hi;
    xsq = x * x;
    num = cody_a[4] * xsq;
    den = xsq;
    for (k = 0; k < 3; k++) {
      num = (num + cody_a[k]) * xsq;
      den = (den + cody_b[k]) * xsq;
    }
    t = x * (num + cody_a[3]) / (den + cody_b[3]);
    lo = 0.5 + t;       /* Phi(x) */
    hi = 0.5 - t;       /* 1 - Phi(x) */
    v.lp = log(y1 ? lo : hi);
    v.r1 = phi / lo; v.r0 = phi / hi;
    return v;
  }
  if (y <= 5.656854249492380195206754896838) {     /* sqrt(32) */
    num = cody_c[8] * y;
    den = y;
    for (k = 0; k < 7; k++) {
      num = (num + cody_c[k]) * y;
      den = (den + cody_d[k]) * y;
    }
    t = (num + cody_c[7]) / (den + cody_d[7]);
  } else {
    double r = 1.0 / (x * x);
    num = cody_p[5] * r;
    den = r;
    for (k = 0; k < 4; k++) {
      num = (num + cody_p[k]) * r;
      den = (den + cody_q[k]) * r;
    }
    t = r * (num + cody_p[4]) / (den + cody_q[4]);
    t = (INV_SQRT_2PI - t) / y;
  }
  {
    double ysq = trunc(y * 16) / 16, del = (y - ysq) * (y + ysq);
    double e = exp(-0.5 * ysq * ysq) * exp(-0.5 * del);   /* exp(-y^2/2) */
    double small = e * t;
    double rsmall = INV_SQRT_2PI / t, rbig = INV_SQRT_2PI * e / (1.0 - small);
    if ((x >= 0) == (y1 != 0)) v.lp = log1p(-small);           /* larger tail */
    else v.lp = -0.5 * ysq * ysq - 0.5 * del + log(t);
    if (x >= 0) { v.r1 = rbig; v.r0 = rsmall; }
    else        { v.r1 = rsmall; v.r0 = rbig; }
  }
  return v;
}

static link_values logit_at (double x, int y1) {
  link_values v;
  double e = exp(-fabs(x)), l = log1p(e);
  /* log mu = -log(1 + exp(-x)), log(1 - mu) = -x - log(1 + exp(-x)) */
  if (x >= 0) {
    v.lp = y1 ? -l : -x - l;
    v.r0 = 1.0 / (1.0 + e);  /* mu */
    v.r1 = e / (1.0 + e);    /* 1 - mu */
  } else {
    v.lp = y1 ? x - l : -l;
    v.r0 = e / (1.0 + e);
    v.r1 = 1.0 / (1.0 + e);
  }
  return v;
}

static link_values link_at (cl_glm_link link, double x, int y1) {
  return link == CL_GLM_PROBIT ? probit_at(x, y1) : logit_at(x, y1);
}

/* The link at each eta_i of rows [0, rows): lp_i = log Pr(y_i), the square
** root of the Fisher weight W_i and rr_i = W_i eta_i + w_i u_i, the right-
** hand side of the next least-squares step (u the score in eta); returns
** sum w_i lp_i. */
static double evaluate (cl_glm_link link, size_t rows, const double *y,
                        const double *w, const double *eta, double *lp,
                        double *sw, double *rr) {
  double ll = 0;
  size_t i;
  for (i = 0; i < rows; i++) {
    link_values v = link_at(link, eta[i], y[i] != 0);
    double wi = w ? w[i] : 1.0;
    /* probit f^2 / (F (1 - F)), logit mu (1 - mu) */
    double wt = wi * v.r1 * v.r0, u = y[i] != 0 ? v.r1 : -v.r0;
    lp[i] = v.lp;
    sw[i] = sqrt(wt);
    rr[i] = wt * eta[i] + wi * u;
    ll += wi * lp[i];
  }
  return ll;
}

/* One pass over rows [lo, hi) of X, a block of BLOCK rows at a time (the
** block stays in cache for all four steps): eta = X beta (unless given),
** the link, and the sums info += X_b' W_b X_b (dsyrk on sqrt(W)-scaled
** rows) and rhs += X_b' rr_b. */
typedef struct pass_job {
  cl_glm_link link;
  const cl_matrix *X;
  const double *y, *w, *beta;  /* beta NULL: eta is given */
  double *eta, *lp;
  size_t lo, hi;
  double *info, *rhs, *buf;    /* p x p, p, BLOCK x p + 2 BLOCK */
  double loglik;
} pass_job;

static void *pass_rows (void *arg) {
  pass_job *job = (pass_job *)arg;
  const cl_matrix *X = job->X;
  size_t n = X->rows, p = X->cols, i0, i, j, rows;
  double *sw = job->buf + BLOCK * p, *rr = sw + BLOCK;
  memset(job->info, 0, p * p * sizeof(double));
  memset(job->rhs, 0, p * sizeof(double));
  job->loglik = 0;
  for (i0 = job->lo; i0 < job->hi; i0 += BLOCK) {
    rows = job->hi - i0 < BLOCK ? job->hi - i0 : BLOCK;
    if (job->beta != NULL)
      cblas_dgemv(CblasColMajor, CblasNoTrans, (int)rows, (int)p, 1.0,
                  X->data + i0, (int)n, job->beta, 1, 0.0, job->eta + i0, 1);
    job->loglik += evaluate(job->link, rows, job->y + i0,
                            job->w ? job->w + i0 : NULL, job->eta + i0,
                            job->lp + i0, sw, rr);
    for (j = 0; j < p; j++) {
      const double *x = X->data + j * n + i0;
      double *b = job->buf + j * BLOCK;
      for (i = 0; i < rows; i++) b[i] = x[i] * sw[i];
    }
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, (int)p, (int)rows, 1.0,
                job->buf, BLOCK, 1.0, job->info, (int)p);
    cblas_dgemv(CblasColMajor, CblasTrans, (int)rows, (int)p, 1.0,
                X->data + i0, (int)n, rr, 1, 1.0, job->rhs, 1);
  }
  return NULL;
}

/* the symmetric p x p matrix from its lower triangle */
static void mirror (double *G, size_t p) {
  size_t j, k;
  for (j = 0; j < p; j++)
    for (k = j + 1; k < p; k++) G[k * p + j] = G[j * p + k];
}

/* The pass over all rows, split between THREADS threads for large n (each
** sums its own rows; the sums are added in a fixed order, so results do not
** depend on timing). Returns the deviance -2 sum w_i lp_i. */
static double pass (pass_job *jobs, int njobs, double *info, double *rhs) {
  pthread_t threads[THREADS];
  size_t p = jobs[0].X->cols, k;
  int t, started = 0;
  double ll = 0;
  for (t = 1; t < njobs; t++)
    if (pthread_create(&threads[t], NULL, pass_rows, &jobs[t]) == 0)
      started = t;
    else
      break;
  pass_rows(&jobs[0]);
  for (t = 1; t < njobs; t++) {
    if (t <= started) pthread_join(threads[t], NULL);
    else pass_rows(&jobs[t]);   /* no thread to be had: do it here */
  }
  memcpy(info, jobs[0].info, p * p * sizeof(double));
  memcpy(rhs, jobs[0].rhs, p * sizeof(double));
  for (t = 0; t < njobs; t++) {
    if (t > 0) {
      for (k = 0; k < p * p; k++) info[k] += jobs[t].info[k];
      for (k = 0; k < p; k++) rhs[k] += jobs[t].rhs[k];
    }
    ll += jobs[t].loglik;
  }
  mirror(info, p);
  return -2.0 * ll;
}

int cl_glmfit_gram (const cl_matrix *X, const double *v, double *G,
                    cl_error *err) {
  size_t n = X->rows, p = X->cols, i0, i, j, rows;
  double *buf, sv[BLOCK];
  if (n == 0 || p == 0) {   /* no rows: a zero matrix (BLAS refuses lda = 0) */
    memset(G, 0, p * p * sizeof(double));
    return CL_OK;
  }
  if (v == NULL) {
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, (int)p, (int)n, 1.0,
                X->data, (int)n, 0.0, G, (int)p);
  } else {
    buf = (double *)malloc(BLOCK * p * sizeof(double) + 1);
    if (buf == NULL)
      return cl_fail(err, CL_ENOMEM, "not enough memory for X'WX");
    memset(G, 0, p * p * sizeof(double));
    for (i0 = 0; i0 < n; i0 += BLOCK) {
      rows = n - i0 < BLOCK ? n - i0 : BLOCK;
      for (i = 0; i < rows; i++) sv[i] = sqrt(v[i0 + i]);
      for (j = 0; j < p; j++) {
        const double *x = X->data + j * n + i0;
        double *b = buf + j * BLOCK;
        for (i = 0; i < rows; i++) b[i] = x[i] * sv[i];
      }
      cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, (int)p, (int)rows,
                  1.0, buf, BLOCK, 1.0, G, (int)p);
    }
    free(buf);
  }
  mirror(G, p);
  return CL_OK;
}

/* b = (X'WX)^-1 rhs by Cholesky on a copy (info is kept) */
static int cholesky_solve (const double *info, size_t p, double *work,
                           double *b) {
  memcpy(work, info, p * p * sizeof(double));
  if (LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', (lapack_int)p, work,
                          (lapack_int)p) != 0)
    return CL_ESINGULAR;
  LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'L', (lapack_int)p, 1, work,
                      (lapack_int)p, b, (lapack_int)p);
  return CL_OK;
}

/* R's binomial start: mu = (w y + 1/2) / (w + 1), eta = link(mu) */
static int start (cl_glm_link link, size_t n, const double *y,
                  const double *w, double *eta, cl_error *err) {
  size_t i;
  for (i = 0; i < n; i++) {
    double wi = w ? w[i] : 1.0, mu = (wi * y[i] + 0.5) / (wi + 1.0);
    if (link == CL_GLM_LOGIT) {
      eta[i] = log(mu / (1.0 - mu));
    } else {
      int st = cl_distributions_qnorm(mu, 1, &eta[i], err);
      if (st != CL_OK) return st;
    }
  }
  return CL_OK;
}

int cl_glmfit_irls (cl_glm_link link, const cl_matrix *X, const double *y,
                    const double *w, cl_glm_fit *fit, double *beta,
                    double *info, double *eta, double *lp, cl_error *err) {
  size_t n = X->rows, p = X->cols, j, per_job, jobsize;
  double *mem, *e2, *lp2, *b, *chol, *next_info, *rhs, *cur_eta, *cur_lp, *t;
  double dev_old, dev = 0, change = 0;
  int iter, halvings, st = CL_OK, have_beta = 0, njobs, k;
  pass_job jobs[THREADS];
  njobs = n >= THREADED_ROWS ? THREADS : 1;
  jobsize = p * p + p + BLOCK * p + 2 * BLOCK;
  mem = (double *)malloc((2 * n + 3 * p + 2 * p * p + njobs * jobsize) *
                         sizeof(double) + 1);
  if (mem == NULL)
    return cl_fail(err, CL_ENOMEM, "not enough memory for the fit (%zu x %zu)",
                   n, p);
  e2 = mem; lp2 = e2 + n; b = lp2 + n; rhs = b + p; chol = rhs + p;
  next_info = chol + p * p;
  per_job = (n + (size_t)njobs - 1) / (size_t)njobs;
  for (k = 0; k < njobs; k++) {
    double *own = next_info + p * p + (size_t)k * jobsize;
    jobs[k].link = link; jobs[k].X = X; jobs[k].y = y; jobs[k].w = w;
    jobs[k].lo = (size_t)k * per_job;
    jobs[k].hi = jobs[k].lo + per_job < n ? jobs[k].lo + per_job : n;
    jobs[k].info = own; jobs[k].rhs = own + p * p; jobs[k].buf = own + p * p + p;
  }
  cur_eta = eta; cur_lp = lp;
  fit->converged = 0;
  fit->iterations = 0;
  if ((st = start(link, n, y, w, cur_eta, err)) != CL_OK) goto done;
  for (k = 0; k < njobs; k++) {
    jobs[k].beta = NULL; jobs[k].eta = cur_eta; jobs[k].lp = cur_lp;
  }
  dev_old = pass(jobs, njobs, next_info, rhs);
  for (iter = 1; iter <= fit->maxit; iter++) {
    fit->iterations = iter;
    memcpy(info, next_info, p * p * sizeof(double));  /* X'WX at the current eta */
    memcpy(b, rhs, p * sizeof(double));
    if (cholesky_solve(info, p, chol, b) != CL_OK) {
      st = cl_fail(err, CL_ESINGULAR, "the information matrix X'WX is "
                   "singular at iteration %d", iter);
      goto done;
    }
    for (k = 0; k < njobs; k++) {
      jobs[k].beta = b; jobs[k].eta = e2; jobs[k].lp = lp2;
    }
    dev = pass(jobs, njobs, next_info, rhs);
    for (halvings = 0; have_beta && dev - dev_old > 1e-10 * (fabs(dev) + 0.1)
         && halvings < MAX_HALVINGS; halvings++) {
      for (j = 0; j < p; j++) b[j] = 0.5 * (b[j] + beta[j]);
      dev = pass(jobs, njobs, next_info, rhs);
    }
    memcpy(beta, b, p * sizeof(double));
    have_beta = 1;
    t = cur_eta; cur_eta = e2; e2 = t;     /* the step is taken */
    t = cur_lp; cur_lp = lp2; lp2 = t;
    change = fabs(dev - dev_old) / (fabs(dev) + 0.1);
    if (change < fit->epsilon) {
      fit->converged = 1;
      break;
    }
    dev_old = dev;
  }
done:
  fit->deviance = have_beta ? dev : 0;
  if (cur_eta != eta) memcpy(eta, cur_eta, n * sizeof(double));
  if (cur_lp != lp) memcpy(lp, cur_lp, n * sizeof(double));
  free(mem);
  return st;
}

void cl_glmfit_derivatives (cl_glm_link link, size_t n, const double *y,
                            const double *eta, const double *w, double *score,
                            double *hess) {
  size_t i;
  for (i = 0; i < n; i++) {
    double wi = w ? w[i] : 1.0;
    link_values v = link_at(link, eta[i], y[i] != 0);
    if (link == CL_GLM_LOGIT) {
      hess[i] = wi * v.r1 * v.r0;
    } else if (y[i] != 0) {
      hess[i] = wi * v.r1 * (v.r1 + eta[i]);
    } else {
      hess[i] = wi * v.r0 * (v.r0 - eta[i]);
    }
    score[i] = wi * (y[i] != 0 ? v.r1 : -v.r0);
  }
}

void cl_glmfit_cluster_scores (const cl_matrix *X, const double *s,
                               const int *group, size_t G, double *S) {
  size_t n = X->rows, p = X->cols, i, j;
  memset(S, 0, G * p * sizeof(double));
  for (j = 0; j < p; j++) {
    const double *x = X->data + j * n;
    double *col = S + j * G;
    for (i = 0; i < n; i++) col[group[i]] += s[i] * x[i];
  }
}
