package org.socd.collector.rules;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.socd.collector.http.ApiRequest;
import org.socd.collector.http.ApiResponse;
import org.socd.collector.http.Endpoint;
import org.socd.rules.pack.RuleError;

/**
 * {@code POST /api/v1/rules/reload}: reloads the rule directories now. 200 with the rule count
 * when the new set runs; 422 with every new error (file:line:col and reason) when it was refused
 * and the previous set keeps running. Needs the admin role once the API has authentication.
 *
 * <p>Loading thousands of rules takes seconds, so the reload runs on a thread of its own and the
 * answer is written when it is done: the API's handler threads keep serving searches and
 * scrapes meanwhile.
 */
public final class RulesReloadEndpoint implements Endpoint {

    public static final String PATH = "/api/v1/rules/reload";

    private final ReloadableRules rules;
    private final Supplier<ReloadableRules.ReloadResult> reload;
    /** At most one thread, gone after a minute idle: reloads are rare and serialised anyway. */
    private final ThreadPoolExecutor reloads = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "socd-rules-reload");
                t.setDaemon(true);
                return t;
            });

    /**
     * @param reload performs the reload (the daemon's, which also logs and counts it)
     */
    public RulesReloadEndpoint(ReloadableRules rules, Supplier<ReloadableRules.ReloadResult> reload) {
        this.rules = rules;
        this.reload = reload;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.later(CompletableFuture.supplyAsync(this::reloadNow, reloads));
    }

    private ApiResponse reloadNow() {
        ReloadableRules.ReloadResult result = reload.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applied", result.applied());
        body.put("rules_loaded", result.rules());
        body.put("correlations_loaded", rules.current().correlationCount());
        body.put("rules_rejected", rules.current().errors().size());
        List<Map<String, String>> errors = new ArrayList<>();
        for (RuleError error : result.newErrors()) {
            errors.add(Map.of("location", error.location(), "message", error.message()));
        }
        body.put("errors", errors);
        return ApiResponse.json(result.applied() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY, body);
    }
}
