package org.opencli.core.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Several observers as one: oclird's metrics and traces each watch the same steps. */
public final class EngineObservers {
    private EngineObservers() {
    }

    public static EngineObserver of(List<EngineObserver> observers) {
        List<EngineObserver> all = observers.stream().filter(o -> o != null && o != EngineObserver.NONE).toList();
        if (all.isEmpty()) return EngineObserver.NONE;
        if (all.size() == 1) return all.get(0);
        return new EngineObserver() {
            @Override
            public ObservedStep start(StepKind kind, ObservedStep parent) {
                List<ObservedStep> steps = new ArrayList<>(all.size());
                for (int i = 0; i < all.size(); i++) {
                    ObservedStep p = parent instanceof Steps s ? s.steps.get(i) : parent;
                    steps.add(all.get(i).start(kind, p));
                }
                return new Steps(steps);
            }
        };
    }

    /** One step per observer, in the observers' order, so a child finds its parent in each. */
    private record Steps(List<ObservedStep> steps) implements ObservedStep {
        @Override
        public ObservedStep tag(String key, String value) {
            for (ObservedStep s : steps) s.tag(key, value);
            return this;
        }

        @Override
        public Map<String, String> propagationHeaders() {
            for (ObservedStep s : steps) {
                Map<String, String> h = s.propagationHeaders();
                if (!h.isEmpty()) return h;
            }
            return Map.of();
        }

        @Override
        public void end(String outcome) {
            for (ObservedStep s : steps) s.end(outcome);
        }
    }
}
