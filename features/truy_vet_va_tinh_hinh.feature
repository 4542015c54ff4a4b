# language: vi
Tính năng: Truy vết chuỗi văn bản và tình hình thực hiện
  Sở Khoa học và Công nghệ đề nghị xã báo cáo kết quả phong trào "Bình dân học vụ số".
  Lãnh đạo xã cần thấy cả chuỗi: báo cáo trả lời đề nghị, các kế hoạch, quyết định mà báo cáo
  nói đến, các công văn triển khai và kết quả đạt được; và hằng ngày xem việc nào đang mở,
  ai chủ trì, thời hạn đến đâu, việc nào đã quá hạn bao nhiêu ngày.

  Bối cảnh:
    Cho sổ đăng ký văn bản của "Ủy ban nhân dân xã Phú Thái"
    Và văn thư đã vào sổ các văn bản đi đã ký, tiếp nối số của sổ giấy:
      | số, ký hiệu   | trích yếu                                                            | ngày       | thời hạn   |
      | 90/KH-UBND    | Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia          | 29/9/2025  | 31/10/2025 |
      | 95/KH-UBND    | Hoạt động của các Tổ công nghệ số cộng đồng 4 tháng cuối năm         | 1/10/2025  | 31/12/2025 |
      | 968/QĐ-UBND   | Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng          | 3/10/2025  |            |
      | 675/UBND-VHXH | Triển khai các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia 10-10 | 10/10/2025 |            |
      | 704/UBND-VHXH | Hướng dẫn tham gia cuộc thi "Công dân số Hải Phòng"                  | 14/10/2025 |            |
    Và chuyên viên đã ghi các liên kết:
      | văn bản       | liên kết  | văn bản được liên kết |
      | 675/UBND-VHXH | thực hiện | 90/KH-UBND            |
      | 704/UBND-VHXH | thực hiện | 90/KH-UBND            |
    Và văn thư đã vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Đề nghị báo cáo kết quả phong trào Bình dân học vụ số", thời hạn giải quyết 25/11/2025
    Và văn thư đã phân công văn bản "90/KH-UBND" cho "VHXH" chủ trì, thời hạn 31/10/2025
    Và văn thư đã phân công văn bản "95/KH-UBND" cho "chuyenvien" chủ trì, thời hạn 31/12/2025
    Và văn thư đã phân công văn bản "516/SKHCN-TTTT" cho "VHXH" chủ trì, thời hạn 25/11/2025
    Và chuyên viên đã ghi các kết quả:
      | văn bản       | kết quả                                           | số lượng | đơn vị tính | ngày       |
      | 90/KH-UBND    | Lớp học trải nghiệm tại Nhà văn hóa các thôn      | 150      | lượt người  | 10/10/2025 |
      | 675/UBND-VHXH | Hội nghị triển khai thí điểm "Bình dân học vụ số" | 200      | người       | 18/10/2025 |
      | 95/KH-UBND    | Tổ công nghệ số cộng đồng hoạt động tại 100% thôn |          |             | 31/10/2025 |

  Kịch bản: Tình hình các việc đang mở
    Khi lãnh đạo xem tình hình ngày 15/11/2025
    Thì danh sách việc đang mở là:
      | văn bản        | trạng thái               | thời hạn   | chủ trì    | văn bản thực hiện | kết quả | đã báo cáo | quá hạn |
      | 90/KH-UBND     | Đang thực hiện           | 31/10/2025 | VHXH       | 2                 | 1       | chưa       | 15      |
      | 516/SKHCN-TTTT | Đã phân công, đang xử lý | 25/11/2025 | VHXH       | 0                 | 0       | chưa       | 0       |
      | 95/KH-UBND     | Đang thực hiện           | 31/12/2025 | chuyenvien | 0                 | 1       | chưa       | 0       |
      | 968/QĐ-UBND    | Đã ban hành              |            |            | 0                 | 0       | chưa       | 0       |
      | 675/UBND-VHXH  | Đã ban hành              |            |            | 0                 | 1       | chưa       | 0       |
      | 704/UBND-VHXH  | Đã ban hành              |            |            | 0                 | 0       | chưa       | 0       |

  Khung kịch bản: Việc quá hạn và số ngày quá hạn
    Khi lãnh đạo xem các việc quá hạn tính đến ngày <ngày xem>
    Thì danh sách việc quá hạn là:
      | văn bản    | thời hạn   | quá hạn   |
      | 90/KH-UBND | 31/10/2025 | <quá hạn> |

    Dữ liệu:
      | ngày xem   | quá hạn |
      | 1/11/2025  | 1       |
      | 15/11/2025 | 15      |
      | 25/11/2025 | 25      |

  Kịch bản: Đúng ngày hết hạn thì chưa quá hạn
    Khi lãnh đạo xem các việc quá hạn tính đến ngày 31/10/2025
    Thì không có việc nào quá hạn

  Kịch bản: Nhiều việc cùng quá hạn, việc hết hạn trước đứng trước
    Khi lãnh đạo xem các việc quá hạn tính đến ngày 26/11/2025
    Thì danh sách việc quá hạn là:
      | văn bản        | thời hạn   | quá hạn |
      | 90/KH-UBND     | 31/10/2025 | 26      |
      | 516/SKHCN-TTTT | 25/11/2025 | 1       |

  Kịch bản: Truy vết từ công văn đề nghị báo cáo của Sở
    Cho chuyên viên đã soạn dự thảo báo cáo "Kết quả triển khai phong trào Bình dân học vụ số"
    Và chuyên viên đã ghi các liên kết:
      | văn bản                                          | liên kết   | văn bản được liên kết |
      | Kết quả triển khai phong trào Bình dân học vụ số | trả lời    | 516/SKHCN-TTTT        |
      | Kết quả triển khai phong trào Bình dân học vụ số | báo cáo về | 90/KH-UBND            |
      | Kết quả triển khai phong trào Bình dân học vụ số | báo cáo về | 95/KH-UBND            |
      | Kết quả triển khai phong trào Bình dân học vụ số | báo cáo về | 968/QĐ-UBND           |
    Và văn thư đã ban hành văn bản "Kết quả triển khai phong trào Bình dân học vụ số" ngày 20/11/2025
    Khi lãnh đạo truy vết văn bản "516/SKHCN-TTTT"
    Thì phía dưới văn bản "516/SKHCN-TTTT" là:
      | văn bản       | liên kết   | thuộc văn bản  | trạng thái  |
      | 01/BC-UBND    | trả lời    | 516/SKHCN-TTTT | Đã ban hành |
      | 90/KH-UBND    | báo cáo về | 01/BC-UBND     | Đã báo cáo  |
      | 95/KH-UBND    | báo cáo về | 01/BC-UBND     | Đã báo cáo  |
      | 968/QĐ-UBND   | báo cáo về | 01/BC-UBND     | Đã báo cáo  |
      | 675/UBND-VHXH | thực hiện  | 90/KH-UBND     | Đã báo cáo  |
      | 704/UBND-VHXH | thực hiện  | 90/KH-UBND     | Đã báo cáo  |
    Và các kết quả trong chuỗi là:
      | kết quả                                           | số lượng | đơn vị tính | của văn bản   | đã báo cáo trong |
      | Lớp học trải nghiệm tại Nhà văn hóa các thôn      | 150      | lượt người  | 90/KH-UBND    | 01/BC-UBND       |
      | Hội nghị triển khai thí điểm "Bình dân học vụ số" | 200      | người       | 675/UBND-VHXH | 01/BC-UBND       |
      | Tổ công nghệ số cộng đồng hoạt động tại 100% thôn |          |             | 95/KH-UBND    | 01/BC-UBND       |

  Kịch bản: Truy vết từ kế hoạch: phía trên là gì, phía dưới là gì
    Cho chuyên viên đã ghi văn bản "90/KH-UBND" căn cứ văn bản "30/2020/NĐ-CP"
    Khi lãnh đạo truy vết văn bản "675/UBND-VHXH"
    Thì phía trên văn bản "675/UBND-VHXH" là:
      | văn bản       | liên kết  | thuộc văn bản | trạng thái     |
      | 90/KH-UBND    | thực hiện | 675/UBND-VHXH | Đang thực hiện |
      | 30/2020/NĐ-CP | căn cứ    | 90/KH-UBND    | Chỉ dẫn chiếu  |
    Và các kết quả trong chuỗi là:
      | kết quả                                           | số lượng | đơn vị tính | của văn bản   | đã báo cáo trong |
      | Hội nghị triển khai thí điểm "Bình dân học vụ số" | 200      | người       | 675/UBND-VHXH |                  |

  Kịch bản: Sau khi ban hành báo cáo, không còn việc nào chưa báo cáo
    Cho chuyên viên đã soạn dự thảo báo cáo "Kết quả triển khai phong trào Bình dân học vụ số"
    Và chuyên viên đã ghi các liên kết:
      | văn bản                                          | liên kết   | văn bản được liên kết |
      | Kết quả triển khai phong trào Bình dân học vụ số | trả lời    | 516/SKHCN-TTTT        |
      | Kết quả triển khai phong trào Bình dân học vụ số | báo cáo về | 90/KH-UBND            |
      | Kết quả triển khai phong trào Bình dân học vụ số | báo cáo về | 95/KH-UBND            |
      | Kết quả triển khai phong trào Bình dân học vụ số | báo cáo về | 968/QĐ-UBND           |
    Khi văn thư ban hành văn bản "Kết quả triển khai phong trào Bình dân học vụ số" ngày 20/11/2025
    Và lãnh đạo xem tình hình ngày 21/11/2025
    Thì văn bản "516/SKHCN-TTTT" ở trạng thái "Đã xử lý xong"
    Và văn bản "90/KH-UBND" ở trạng thái "Đã báo cáo"
    Và văn bản "95/KH-UBND" ở trạng thái "Đã báo cáo"
    Và văn bản "968/QĐ-UBND" ở trạng thái "Đã báo cáo"
    Và trong danh sách việc đang mở không còn kế hoạch, quyết định hay văn bản đến nào
    Và mọi kết quả đã ghi đều đã được báo cáo trong "01/BC-UBND"
    Khi lãnh đạo xem các việc quá hạn tính đến ngày 26/11/2025
    Thì không có việc nào quá hạn

  Kịch bản: Báo cáo sơ kết không kết thúc kế hoạch còn thực hiện đến cuối năm
    Cho chuyên viên đã soạn dự thảo báo cáo "Sơ kết phong trào Bình dân học vụ số"
    Và chuyên viên đã ghi các liên kết:
      | văn bản                              | liên kết        | văn bản được liên kết |
      | Sơ kết phong trào Bình dân học vụ số | báo cáo về      | 90/KH-UBND            |
      | Sơ kết phong trào Bình dân học vụ số | báo cáo tiến độ | 95/KH-UBND            |
    Khi văn thư ban hành văn bản "Sơ kết phong trào Bình dân học vụ số" ngày 20/11/2025
    Thì văn bản "90/KH-UBND" ở trạng thái "Đã báo cáo"
    Và văn bản "95/KH-UBND" ở trạng thái "Đang thực hiện"
    Khi lãnh đạo truy vết văn bản "95/KH-UBND"
    Thì phía dưới văn bản "95/KH-UBND" là:
      | văn bản       | liên kết        | thuộc văn bản | trạng thái  |
      | 01/BC-UBND    | báo cáo tiến độ | 95/KH-UBND    | Đã ban hành |
      | 90/KH-UBND    | báo cáo về      | 01/BC-UBND    | Đã báo cáo  |
      | 675/UBND-VHXH | thực hiện       | 90/KH-UBND    | Đã báo cáo  |
      | 704/UBND-VHXH | thực hiện       | 90/KH-UBND    | Đã báo cáo  |
