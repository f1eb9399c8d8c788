package io.campaignpilot.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A product as the ERP knows it: the source of truth for price, cost and stock. {@code stock} is the total;
 * {@code constrained} marks a supply shortfall that rules out promoting it.
 */
public record Product(String sku, String name, String brand, String category, BigDecimal price, BigDecimal unitCost,
                      int stock, boolean regulated, String description, boolean constrained) {

    public Product(String sku, String name, String brand, String category, BigDecimal price, BigDecimal unitCost,
                   int stock, boolean regulated, String description) {
        this(sku, name, brand, category, price, unitCost, stock, regulated, description, false);
    }

    /** Price after a percentage discount, rounded to the cent. */
    public BigDecimal priceAfter(int discountPercent) {
        return price.multiply(BigDecimal.valueOf(100 - discountPercent))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    /** Contribution margin ratio after discount: (discounted price - unit cost) / discounted price. */
    public double marginAfter(int discountPercent) {
        BigDecimal sale = priceAfter(discountPercent);
        if (sale.signum() <= 0) {
            return -1;
        }
        return sale.subtract(unitCost).divide(sale, 4, RoundingMode.HALF_UP).doubleValue();
    }
}
