package it.kit;

/** The service's own code, which ships in its jar; the description must not. */
public final class OrdersApp {

  public static void main(String[] args) {
    System.out.println("orders");
  }
}
