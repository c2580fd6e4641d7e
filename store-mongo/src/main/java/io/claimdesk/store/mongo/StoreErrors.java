package io.claimdesk.store.mongo;

import com.mongodb.MongoException;
import io.claimdesk.core.StoreUnavailableException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Puts a port's MongoDB implementation behind the port alone, so that no driver exception leaves this module: a
 * {@link MongoException} thrown by any method becomes a {@link StoreUnavailableException} carrying it. One place for
 * every store instead of a try/catch in each of their methods.
 */
final class StoreErrors {
  private StoreErrors() {}

  static <T> T translated(Class<T> port, T store) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> port.getSimpleName() + " over " + store;
        };
      }
      try {
        return method.invoke(store, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MongoException mongo) {
          throw new StoreUnavailableException(port.getSimpleName() + "." + method.getName() + " failed: "
              + mongo.getMessage(), mongo);
        }
        throw cause;
      }
    };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }
}
